// A guest's outgoing requests go through the browser, so Playwright's routes (and MSW handlers,
// which are routes) answer them, whichever way the host runs. Hosts the manifest does not allow
// are refused by the host before any request exists: no route ever sees them.
import { defineNetworkFixture, type NetworkFixture } from '@msw/playwright';
import { http, HttpResponse } from 'msw';
import { expect, test } from '@swerve/playwright';

// apps/outbound allows https://api.example.com only; GET /call?url=U&method=M&body=B calls U
// and answers what came back: { status, headers, body }, or 502 { error }.
test.use({ spinApp: 'apps/outbound' });

const call = (url: string, method = 'GET', body?: string) =>
  `/call?${new URLSearchParams({ url, method, ...(body === undefined ? {} : { body }) })}`;

for (const serviceWorkers of ['allow', 'block'] as const) {
  test.describe(`host in a ${serviceWorkers === 'allow' ? 'service worker' : 'dedicated worker'}`, () => {
    test.use({ serviceWorkers });

    test('a route answers an allowed request, and app.outbound() lists it', async ({ app, context }) => {
      expect(app.hostMode).toBe(serviceWorkers === 'allow' ? 'service-worker' : 'worker');
      await context.route('https://api.example.com/**', async (route) =>
        route.fulfill({ json: { mocked: true, sent: route.request().postData() } }),
      );
      const res = await app.fetch(call('https://api.example.com/items?page=2', 'POST', 'hello'));
      expect(await res.json()).toMatchObject({ status: 200, body: '{"mocked":true,"sent":"hello"}' });
      const [sent, ...more] = await app.outbound();
      expect(more).toEqual([]);
      expect(sent).toMatchObject({
        method: 'POST',
        url: 'https://api.example.com/items?page=2',
        bodySize: 5,
        status: 200,
      });
      expect(sent!.headers['content-type']).toBe('text/plain;charset=UTF-8');
    });
  });
}

test('a host the manifest does not allow is refused, and no route is asked', async ({ app, context }) => {
  const consulted: string[] = [];
  await context.route('https://evil.example.com/**', async (route) => {
    consulted.push(route.request().url());
    await route.fulfill({ body: 'the route answered' });
  });
  const res = await app.fetch(call('https://evil.example.com/steal'));
  expect(res.status()).toBe(502);
  expect(await res.json()).toEqual({ error: expect.stringContaining('TypeError') });
  await expect
    .poll(async () => (await app.logs()).map((line) => line.message).join('\n'))
    .toContain("non-allowed host 'https://evil.example.com'");
  expect(consulted).toEqual([]);
  expect(await app.outbound()).toEqual([]);
});

// MSW's handlers, through @msw/playwright's fixture on the test's context.
const withMsw = test.extend<{ network: NetworkFixture }>({
  network: async ({ context }, use) => {
    const network = defineNetworkFixture({ context, handlers: [] });
    await network.enable();
    await use(network);
    await network.disable();
  },
});

withMsw('an MSW handler answers an allowed request', async ({ app, network }) => {
  network.use(
    http.post('https://api.example.com/items', async ({ request }) =>
      HttpResponse.json({ created: await request.text() }, { status: 201 }),
    ),
  );
  const res = await app.fetch(call('https://api.example.com/items', 'POST', 'spin'));
  expect(await res.json()).toMatchObject({ status: 201, body: '{"created":"spin"}' });
  expect((await app.outbound()).map(({ method, url, status }) => ({ method, url, status }))).toEqual([
    { method: 'POST', url: 'https://api.example.com/items', status: 201 },
  ]);
});
