/**
 * WASI 0.3 (Spin 4's default platform): a component exporting wasi:http/handler@0.3.0, built by
 * the pipeline from hand-written WAT (components/fixtures/http-p3) and served by the host's WASI
 * 0.3 side (sw-host/src/wasi/http-p3/) with instances reused as Spin 4 reuses them
 * (docs/decisions/0018-wasi-0-3.md). The fixture says in a header how many requests its instance
 * has served and echoes Spin's `spin-full-url`; `/echo` answers with the request's body, and it
 * loops (`/loop`) or traps (`/trap`) on request. Requests go through `app.fetch` only: a document
 * at the app's origin would have the browser ask the app for its `/favicon.ico`, a request the
 * instance counts. (Its stdout line with the request's number, a refused deploy and the
 * toolchain outside the host, and requests sent all at once from one page, which `app.fetch` calls
 * made one by one cannot promise: e2e/tests/wasi-p3.spec.ts.)
 */
import { expect, test, type SwerveApp } from '@swerve/playwright';

const DEADLINE_MS = 1000;

test.use({ spinApp: '../components/fixtures/http-p3', requestTimeout: DEADLINE_MS });

interface Answer {
  status: number;
  body: string;
  /** The fixture's x-instance-requests: which request of its instance this was. */
  count: number;
  /** The request's spin-full-url header, as the guest saw it. */
  fullUrl: string | null;
}

/** Sends GET `paths` to the app one after the other. */
async function getInTurn(app: SwerveApp, paths: string[]): Promise<Answer[]> {
  const answers = [];
  for (const path of paths) {
    const response = await app.fetch(path);
    answers.push({
      status: response.status(),
      body: await response.text(),
      count: Number(response.headers()['x-instance-requests'] ?? NaN),
      fullUrl: response.headers()['x-spin-full-url'] ?? null,
    });
  }
  return answers;
}

test('answers through the host; as in Spin 4, one instance serves 128 requests, then a fresh one takes over', async ({
  app,
}) => {
  const answers = await getInTurn(
    app,
    Array.from({ length: 131 }, (_, i) => `/hello?n=${i}`),
  );
  for (const answer of answers) expect(answer).toMatchObject({ status: 200, body: 'hello from wasi 0.3\n' });
  const counts = answers.map((answer) => answer.count);
  expect(counts).toEqual([...Array.from({ length: 128 }, (_, i) => i + 1), 1, 2, 3]);
  // Spin's headers reach the guest, as for WASI 0.2.
  expect(answers[7]!.fullUrl).toBe(`${app.origin}/hello?n=7`);
});

test("the request's body reaches the guest as a stream, and streams back out as its response", async ({
  app,
}) => {
  const echoed = [];
  for (const size of [0, 5, 300_000]) {
    // Every byte value, over and over: a lost, doubled or reordered chunk shows.
    const sent = Uint8Array.from({ length: size }, (_, i) => (i * 7) % 256);
    const response = await app.fetch('/echo', { method: 'POST', data: sent });
    const back = new Uint8Array(await response.body());
    echoed.push({
      status: response.status(),
      same: back.length === sent.length && back.every((byte, i) => byte === sent[i]),
      length: back.length,
    });
  }
  expect(echoed).toEqual([
    { status: 200, same: true, length: 0 },
    { status: 200, same: true, length: 5 },
    { status: 200, same: true, length: 300_000 },
  ]);
});

test('an instance left idle for a second is let go, as in Spin 4', async ({ app, page }) => {
  expect((await getInTurn(app, ['/', '/'])).map((answer) => answer.count)).toEqual([1, 2]);
  await page.waitForTimeout(1500);
  expect((await getInTurn(app, ['/'])).map((answer) => answer.count)).toEqual([1]);
});

test('a request past its deadline is answered 504 with the usual log line, and its instance is not reused', async ({
  app,
  logs,
  requests,
}) => {
  const started = Date.now();
  const before = await getInTurn(app, ['/', '/']);
  // `app.fetch` fails only for a request the host stopped at its deadline and answered 504.
  await expect(app.fetch('/loop')).rejects.toThrow(
    /deadline of 1000 ms, so the host stopped it and answered 504/,
  );
  const after = await getInTurn(app, ['/']);
  expect([...before, ...after].map(({ status, count }) => [status, count])).toEqual([
    [200, 1],
    [200, 2],
    [200, 1],
  ]);
  expect((await requests()).map(({ path, status }) => [path, status])).toEqual([
    ['/', 200],
    ['/', 200],
    ['/loop', 504],
    ['/', 200],
  ]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(DEADLINE_MS);
  await expect
    .poll(async () => (await logs()).find((line) => line.message.includes('answered 504'))?.message)
    .toMatch(
      /GET \/loop answered 504: http-p3\/http-p3 was stopped while handling GET \/loop \(route \/\.\.\.\): its deadline of 1 s passed/,
    );
});

test('a trap is answered 500 with a log line saying so, and its instance is not reused', async ({
  app,
  logs,
}) => {
  const answers = await getInTurn(app, ['/', '/trap', '/']);
  expect(answers.map(({ status, count }) => [status, count])).toEqual([
    [200, 1],
    [500, NaN],
    [200, 1],
  ]);
  await expect
    .poll(async () => (await logs()).find((line) => line.message.includes('answered 500'))?.message)
    .toContain('GET /trap answered 500: http-p3/http-p3 failed while handling GET /trap: ');
});

/**
 * Spin 4.0's default apps are built for WASI 0.3's release candidate (`@0.3.0-rc-2026-03-15`):
 * the same fixtures built for it (components/fixtures/http-p3-rc) run on the host's one WASI 0.3
 * side, and, as Spin's main branch serves them, each request gets a fresh instance.
 */
test.describe('built for the release candidate', () => {
  test.use({ spinApp: '../components/fixtures/http-p3-rc/routes.spin.toml' });

  test('a component built for the WASI 0.3 release candidate answers, with a fresh instance per request, and reaches the platform through its names', async ({
    app,
  }) => {
    const answers = await getInTurn(app, ['/hello', '/hello', '/hello', '/env', '/wait?50']);
    const hello = { status: 200, body: 'hello from wasi 0.3\n', count: 1 };
    // Under 0.3.0 the same WAT counts 1, 2, 3 on one reused instance (the first test above).
    expect(answers.slice(0, 3)).toMatchObject([hello, hello, hello]);
    // wasi:cli/environment and wasi:clocks/monotonic-clock's async wait-for, at the RC's version.
    expect(answers[3]).toMatchObject({ status: 200, body: 'GREETING=hello from the release candidate\n' });
    expect(answers[4]).toMatchObject({ status: 200, body: 'waited 50 ms\n' });
  });
});
