/**
 * A Spin 1 app as Spin 1 built it (a version 1 manifest and a core module exporting Spin 1's
 * inbound-http ABI, wit-bindgen 0.2) deploys unchanged and answers, through the host's own
 * implementation of that ABI; a handler that never returns is stopped at its deadline (504).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, test } from '../fixtures/swerve.ts';

const FIXTURE = 'fixtures/spin1-http';
const MANIFEST = readFileSync(resolve(import.meta.dirname, `../../components/${FIXTURE}/spin.toml`), 'utf8');

test('a Spin 1 HTTP module deploys with its version 1 manifest, answers, logs, and is stopped at its deadline', async ({
  hostPage,
  hostFetch,
  workerLogs,
}) => {
  await serveTestFiles(hostPage);
  const deployed = await deployApp(hostPage, {
    manifest: MANIFEST,
    files: { 'dist/spin1-http.wasm': { built: `${FIXTURE}/dist/spin1-http.wasm` } },
    requestTimeoutMs: 1000,
  });
  expect(deployed.ok, JSON.stringify(deployed)).toBe(true);

  const response = await hostFetch('/apps/spin1-http/items?id=7', {
    method: 'POST',
    headers: { 'x-test': 'forty-two' },
    body: 'the body',
  });
  expect(response.status).toBe(200);
  expect(response.headers['x-spin1-method']).toBe('POST');
  expect(response.body).toBe(
    'POST /items?id=7\nx-test: forty-two\ngreeting: hello from spin-config\n\nthe body',
  );
  // Its fd_write to stderr reached the app's log as a line.
  await expect
    .poll(() => workerLogs.find((line) => line.includes('spin1-http: handled a request')))
    .toBeTruthy();

  const stuck = await hostFetch('/apps/spin1-http/loop');
  expect(stuck.status).toBe(504);
  // The next request gets a fresh instance and is answered.
  expect((await hostFetch('/apps/spin1-http/')).status).toBe(200);
});
