// What one `app.fetch` costs a test, beside the setup rows of setup.bench.ts: round trips of a
// small POST and of a 4 MiB one to minimal (WebAssembly text, which answers without reading the
// body), and of a GET whose answer is 4 MiB (the probe fixture's `?write=`, one write of "a"s).
// Each sample is the round trip as the test sees it, and the same minus the host's own time for
// that request (its record's totalMs: load, instantiate, handle), which leaves what carrying the
// request and its answer costs. The kit's own test (scripts/pack-and-test.js --bench) prints the
// medians and p90s; nothing here is asserted on time.
import { expect, test } from '@swerve/playwright';

const SMALL_ROUND_TRIPS = 30;
const LARGE_ROUND_TRIPS = 8;
const LARGE_BODY_BYTES = 4 * 1024 * 1024;

const rows = [
  { row: 'small', spinApp: 'apps/minimal', count: SMALL_ROUND_TRIPS, data: 'hello', query: '', length: 0 },
  {
    row: '4MiB-up',
    spinApp: 'apps/minimal',
    count: LARGE_ROUND_TRIPS,
    data: new Uint8Array(LARGE_BODY_BYTES).fill(0x61),
    query: '',
    length: 0,
  },
  {
    row: '4MiB-down',
    spinApp: 'apps/settings',
    count: LARGE_ROUND_TRIPS,
    data: undefined,
    query: `?write=${LARGE_BODY_BYTES}`,
    length: LARGE_BODY_BYTES,
    variables: { api_token: 'bench' },
    keyValues: { cache: {} },
  },
] as const;

for (const { row, spinApp, count, data, query, length, ...options } of rows) {
  test.describe(row, () => {
    test.use({ spinApp, ...options });

    test(`app.fetch round trip, ${row}`, async ({ app }, testInfo) => {
      test.setTimeout(120_000);
      // One request first, so the component's first compile is not among the samples.
      expect((await app.fetch('/warm')).status()).toBe(200);
      const rounds: number[] = [];
      for (let run = 0; run < count; run++) {
        const started = performance.now();
        const res = await app.fetch(`/${run}${query}`, data === undefined ? {} : { method: 'POST', data });
        const body = await res.body();
        rounds.push(performance.now() - started);
        expect(res.status()).toBe(200);
        if (length) expect(body.length).toBe(length);
      }
      const hostMs = new Map((await app.requests()).map((record) => [record.path, record.timings.totalMs]));
      const carried = rounds.map((ms, run) => ms - (hostMs.get(`/${run}${query}`) ?? NaN));
      testInfo.annotations.push(
        { type: 'swerve-bench-fetch', description: `${row} round-trip ${rounds.join(',')}` },
        { type: 'swerve-bench-fetch', description: `${row} carrying ${carried.join(',')}` },
      );
    });
  });
}
