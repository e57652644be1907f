/**
 * A guest that never returns is stopped at its request's deadline: the request gets a 504 and a
 * log line, and the host (this app included) goes on serving. The `loop` fixture's components
 * loop in WebAssembly (`loop br 0`), in JavaScript (`while (true) {}`), or wait on a 60 s timer
 * (suspended in the host through JSPI). Site apps are instrumented at build time: every other
 * spec that reaches one checks that path, since the host refuses an uninstrumented module.
 */
import { expect, test, type SwerveApp } from '@swerve/playwright';

const DEADLINE_MS = 1000;

test.use({ spinApp: '../components/fixtures/loop', requestTimeout: DEADLINE_MS });

/**
 * Fetches `path`, which must be stopped at its deadline: `app.fetch` fails only when the host
 * answered 504 for a handler it stopped. Says how long that took, in ms, and the failure.
 */
async function stopped(app: SwerveApp, path: string) {
  const started = Date.now();
  const failure = await app.fetch(path).then(
    (response) => new Error(`${path} was answered ${response.status()}, not stopped`),
    (error: unknown) => error as Error,
  );
  expect(failure.message).toContain(
    `did not finish: the handler was still running at its deadline of ${DEADLINE_MS} ms, so the host stopped it and answered 504`,
  );
  return { ms: Date.now() - started, message: failure.message };
}

test('a WebAssembly guest looping forever is answered 504 at its deadline; the app answers right after', async ({
  app,
  page,
  logs,
  requests,
}) => {
  // From a document at the app's origin, as the app's own pages fetch: the bare 504 the host sends.
  await page.goto('/_swerve/host.html');
  const stuck = await page.evaluate(async () => {
    const started = Date.now();
    const response = await fetch('/spin');
    return { status: response.status, body: await response.text(), ms: Date.now() - started };
  });
  expect(stuck.status).toBe(504);
  expect(stuck.body).toBe('');
  // Stopped by this deploy's deadline, not the default one of 10 s.
  expect(stuck.ms).toBeGreaterThanOrEqual(DEADLINE_MS);
  expect(stuck.ms).toBeLessThan(10_000);
  expect((await requests()).find((request) => request.path === '/spin')?.status).toBe(504);
  await expect
    .poll(async () => (await logs()).find((line) => line.message.includes('answered 504'))?.message)
    .toMatch(
      /GET \/spin answered 504: loop\/loop was stopped while handling GET \/spin \(route \/\.\.\.\): its deadline of 1 s passed/,
    );
  // Through `app.fetch`, the same stop is its failure, with the host's reason.
  expect((await stopped(app, '/spin')).message).toContain('loop/loop was stopped while handling GET /spin');

  const ok = await app.fetch('/ok');
  expect(ok.status()).toBe(200);
  expect(await ok.text()).toBe('ok\n');
  // CPU-bound work that ends in time is not disturbed by the checks.
  const counted = await app.fetch('/count');
  expect(await counted.text()).toBe('counted 100000000\n');
});

test('a JavaScript guest running while (true) {} is stopped at its deadline, and so is one waiting on the host', async ({
  app,
  logs,
}) => {
  const spinning = await stopped(app, '/js/spin');
  expect(spinning.ms).toBeGreaterThanOrEqual(DEADLINE_MS);
  expect(spinning.ms).toBeLessThan(10_000);

  const sleeping = await stopped(app, '/js/sleep');
  expect(sleeping.ms).toBeLessThan(10_000);
  await expect
    .poll(
      async () => (await logs()).find((line) => line.message.includes('GET /js/sleep answered 504'))?.message,
    )
    .toMatch(/loop\/js-loop was stopped while handling GET \/js\/sleep \(route \/js\/\.\.\.\)/);

  const ok = await app.fetch('/js/hello');
  expect(ok.status()).toBe(200);
  expect(await ok.text()).toBe('js ok\n');
});
