// A component hand-written in WebAssembly text: no JavaScript engine inside.
import { expect, test } from '@swerve/playwright';

test.use({ spinApp: 'apps/minimal' });

test('answers every route', async ({ app }) => {
  const res = await app.fetch('/hello');
  expect(res.status()).toBe(200);
  expect(res.ok()).toBe(true);
  expect(res.headers()['content-type']).toBe('text/plain');
  expect(res.headersArray()).toContainEqual({ name: 'content-type', value: 'text/plain' });
  expect(await res.text()).toBe('hello from wat\n');
});

test('records each request it served', async ({ app }) => {
  await app.fetch('/a');
  await app.fetch('/b?x=1', { method: 'POST', data: 'ignored' });
  const requests = await app.requests();
  expect(requests.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
    { method: 'GET', path: '/a', status: 200 },
    { method: 'POST', path: '/b?x=1', status: 200 },
  ]);
  expect(requests[0]!.component).toBe('minimal');
});
