import { appOrigin, SERVER_URL } from '../fixtures/app-hosts.ts';
import { deployApp, PROBE_FILES, probeManifest, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, test } from '../fixtures/swerve.ts';

test('a guest that traps costs that request a 500 with an empty body and a logged error; the host keeps serving', async ({
  hostFetch,
  workerLogs,
}) => {
  const failed = await hostFetch('/apps/trap/boom');
  expect(failed.status).toBe(500);
  expect(failed.body).toBe('');
  await expect
    .poll(() => workerLogs.find((line) => line.includes('answered 500')))
    .toMatch(
      /GET \/boom answered 500: trap\/trap failed while handling GET \/boom: the component trapped \(.*unreachable/,
    );

  // The worker is alive: the same component fails the same way, and other apps still answer.
  expect((await hostFetch('/apps/trap/again')).status).toBe(500);
  const hello = await hostFetch('/apps/hello/');
  expect(hello.status).toBe(200);
  expect(hello.body).toBe('Hello from a WebAssembly component!\n');
});

test('an unknown app under /apps/ gets a 404 with an empty body', async ({ hostFetch }) => {
  const response = await hostFetch('/apps/no-such-app/');
  expect(response.status).toBe(404);
  expect(response.body).toBe('');
});

test('only the service worker script may evaluate code; pages get a strict CSP', async ({ request }) => {
  const worker = await request.get(`${SERVER_URL}/sw.js`);
  expect(worker.status()).toBe(200);
  const workerCsp = worker.headers()['content-security-policy'];
  expect(workerCsp).toContain("'unsafe-eval'");
  expect(workerCsp).toContain("'wasm-unsafe-eval'");

  const page = await request.get(`${SERVER_URL}/`);
  const pageCsp = page.headers()['content-security-policy'];
  expect(pageCsp).toContain("script-src 'self'");
  expect(pageCsp).not.toContain('unsafe-eval');
});

test('an app registry that IndexedDB failed to read is read again on the next request, without a worker restart', async ({
  hostPage,
  context,
  workerLogs,
}) => {
  const key = `registry-fault-${Date.now().toString(36)}`;
  const openDatabase = (name: string) =>
    new Promise<void>((resolve, reject) => {
      // Made without its object store, the worker's app database fails every read it tries.
      const request = indexedDB.open(name, 1);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });

  // The fault is in place before the app's worker first starts: a tab at the app's origin (on
  // Swerve's host page, which does nothing when it is not framed) makes the database wrongly.
  const appTab = await context.newPage();
  await appTab.goto(`${appOrigin(key)}/_swerve/host.html`);
  await appTab.evaluate(openDatabase, 'swerve-apps-v1');

  await serveTestFiles(hostPage);
  const app = { key, manifest: probeManifest(key), files: PROBE_FILES };
  const refused = await deployApp(hostPage, app);
  expect(refused.ok).toBe(false);
  expect(refused.ok ? '' : refused.error).toMatch(/object stores? was not found/i);

  // The worker now controls the tab; a request there is answered with what went wrong, not a
  // network error.
  await appTab.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const during = await appTab.evaluate(async () => {
    const response = await fetch('/hello');
    return { status: response.status, body: await response.text() };
  });
  expect(during.status).toBe(503);
  expect(during.body).toContain('Reload to try again');

  // The fault passes (the database goes); the same worker reads the registry again and serves.
  await appTab.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('swerve-apps-v1');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );
  const deployed = await deployApp(hostPage, app);
  expect(deployed).toMatchObject({ ok: true });
  const after = await appTab.evaluate(async () => (await fetch('/hello')).status);
  expect(after).toBe(200);
  expect(workerLogs.some((line) => /object stores? was not found/i.test(line))).toBe(true);
});
