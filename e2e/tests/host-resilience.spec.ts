import { SERVER_URL } from '../fixtures/app-hosts.ts';
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
