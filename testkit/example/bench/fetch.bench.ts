// What one `app.fetch` costs a test, beside the setup rows of setup.bench.ts: round trips of a
// small POST and of a 4 MiB one to echo (12 MiB JavaScript), which answers JSON holding the body
// it read, so the 4 MiB cross both ways. Each sample is the round trip as the test sees it, and
// the same minus the host's own time for that request (its record's totalMs: load, instantiate,
// handle), which leaves what carrying the request and its answer costs. The kit's own test
// (scripts/pack-and-test.js --bench) prints the medians and p90s; nothing here is asserted on time.
import { expect, test } from '@swerve/playwright';

const SMALL_ROUND_TRIPS = 30;
const LARGE_ROUND_TRIPS = 6;
const LARGE_BODY_BYTES = 4 * 1024 * 1024;

test.use({ spinApp: 'apps/echo' });

for (const [size, count, body] of [
  ['small', SMALL_ROUND_TRIPS, 'hello'],
  ['4MiB', LARGE_ROUND_TRIPS, 'a'.repeat(LARGE_BODY_BYTES)],
] as const) {
  test(`app.fetch round trip, ${size} body`, async ({ app }, testInfo) => {
    test.setTimeout(120_000);
    // One request first, so the component's first compile is not among the samples.
    expect((await app.fetch('/warm')).status()).toBe(200);
    const rounds: number[] = [];
    for (let run = 0; run < count; run++) {
      const started = performance.now();
      const res = await app.fetch(`/${size}/${run}`, { method: 'POST', data: body });
      const echoed = await res.json<{ body: string }>();
      rounds.push(performance.now() - started);
      expect(echoed.body.length).toBe(body.length);
    }
    const hostMs = new Map((await app.requests()).map((record) => [record.path, record.timings.totalMs]));
    const carried = rounds.map((ms, run) => ms - (hostMs.get(`/${size}/${run}`) ?? NaN));
    testInfo.annotations.push(
      { type: 'swerve-bench-fetch', description: `${size} round-trip ${rounds.join(',')}` },
      { type: 'swerve-bench-fetch', description: `${size} carrying ${carried.join(',')}` },
    );
  });
}
