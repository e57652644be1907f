/**
 * A guest that never returns is stopped at its request's deadline: the request gets a 504 and a
 * log line, and the host (this app included) goes on serving. The `loop` fixture's components
 * loop in WebAssembly (`loop br 0`), in JavaScript (`while (true) {}`), or wait on a 60 s timer
 * (suspended in the host through JSPI). Site apps are instrumented at build time: every other
 * spec that reaches one checks that path, since the host refuses an uninstrumented module.
 */
import { readFileSync } from 'node:fs';
import { deployApp, serveTestFiles, type DeployArgs } from '../fixtures/deploy.ts';
import { expect, test, type HostFetch } from '../fixtures/swerve.ts';

const DEADLINE_MS = 1000;

const deploy: DeployArgs = {
  name: 'deadlines',
  manifest: readFileSync(new URL('../../components/fixtures/loop/spin.toml', import.meta.url), 'utf8'),
  files: {
    'dist/loop.wasm': { built: 'fixtures/loop/dist/loop.wasm' },
    'dist/js-loop.wasm': { built: 'fixtures/loop/dist/js-loop.wasm' },
  },
  requestTimeoutMs: DEADLINE_MS,
};

/** Fetches `path` and says how long the answer took, in ms. */
async function timed(hostFetch: HostFetch, path: string) {
  const started = Date.now();
  const response = await hostFetch(path);
  return { ...response, ms: Date.now() - started };
}

test.beforeEach(async ({ hostPage }) => {
  await serveTestFiles(hostPage);
  const outcome = await deployApp(hostPage, deploy);
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
});

test('a WebAssembly guest looping forever is answered 504 at its deadline; the app answers right after', async ({
  hostFetch,
  workerLogs,
}) => {
  const stuck = await timed(hostFetch, '/apps/deadlines/spin');
  expect(stuck.status).toBe(504);
  expect(stuck.body).toBe('');
  // Stopped by this deploy's deadline, not the default one of 10 s.
  expect(stuck.ms).toBeGreaterThanOrEqual(DEADLINE_MS);
  expect(stuck.ms).toBeLessThan(10_000);
  await expect
    .poll(() => workerLogs.find((line) => line.includes('answered 504')))
    .toMatch(
      /GET \/spin answered 504: deadlines\/loop was stopped while handling GET \/spin \(route \/\.\.\.\): its deadline of 1 s passed/,
    );

  const ok = await hostFetch('/apps/deadlines/ok');
  expect(ok.status).toBe(200);
  expect(ok.body).toBe('ok\n');
  // CPU-bound work that ends in time is not disturbed by the checks.
  const counted = await hostFetch('/apps/deadlines/count');
  expect(counted.body).toBe('counted 100000000\n');
});

test('a JavaScript guest running while (true) {} is stopped at its deadline, and so is one waiting on the host', async ({
  hostFetch,
  workerLogs,
}) => {
  const spinning = await timed(hostFetch, '/apps/deadlines/js/spin');
  expect(spinning.status).toBe(504);
  expect(spinning.ms).toBeGreaterThanOrEqual(DEADLINE_MS);
  expect(spinning.ms).toBeLessThan(10_000);

  const sleeping = await timed(hostFetch, '/apps/deadlines/js/sleep');
  expect(sleeping.status).toBe(504);
  expect(sleeping.ms).toBeLessThan(10_000);
  await expect
    .poll(() => workerLogs.find((line) => line.includes('GET /js/sleep answered 504')))
    .toMatch(/deadlines\/js-loop was stopped while handling GET \/js\/sleep \(route \/js\/\.\.\.\)/);

  const ok = await hostFetch('/apps/deadlines/js/hello');
  expect(ok.status).toBe(200);
  expect(ok.body).toBe('js ok\n');
});
