/**
 * The first things an app does in Swerve: the examples answer, bodies round-trip, requests in
 * flight together each get an instance, and at an app's origin only the app's paths are the
 * service worker's. (What the site shows of apps: e2e/tests/walking-skeleton.spec.ts.)
 */
import { expect, test } from '@swerve/playwright';

const HELLO_BODY = 'Hello from a WebAssembly component!\n';

test.describe('hello', () => {
  test.use({ spinApp: '../components/examples/hello' });

  test('a fetch to / gets the component body and its own header', async ({ app }) => {
    const response = await app.fetch('/');
    expect(response.status()).toBe(200);
    expect(await response.text()).toBe(HELLO_BODY);
    expect(response.headers()['x-hello-from']).toBe('wasm');
    expect(response.headers()['content-type']).toBe('text/plain; charset=utf-8');
  });

  test("at an app's origin, Swerve's own files are not intercepted; the app's paths are", async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.locator('body')).toContainText('Hello from a WebAssembly component!');
    const servedBy = async (path: string) => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === path),
        page.evaluate((url) => fetch(url).then((r) => r.text()), path),
      ]);
      return response.fromServiceWorker();
    };
    expect(await servedBy('/_swerve/apps.json')).toBe(false);
    expect(await servedBy('/greeting')).toBe(true);
    // The benchmark's plain JavaScript route exists only in the benchmark's build.
    expect(await servedBy('/_swerve/plain')).toBe(false);
  });
});

test.describe('echo', () => {
  test.use({ spinApp: '../components/examples/echo' });

  test('a POST body round-trips through echo', async ({ app }) => {
    const body = JSON.stringify({ greeting: 'héllo', list: [1, 2, 3] });
    const response = await app.fetch('/items?sort=asc', {
      method: 'POST',
      data: body,
      headers: { 'content-type': 'application/json', 'x-test': 'round-trip' },
    });
    expect(response.status()).toBe(200);
    const echo = (await response.json()) as { headers: Record<string, string> };
    expect(echo).toMatchObject({ method: 'POST', pathWithQuery: '/items?sort=asc', body });
    expect(echo.headers['x-test']).toBe('round-trip');
    expect(echo.headers['content-type']).toBe('application/json');
  });

  test('10 concurrent requests all succeed, each with its own fresh instance', async ({ app }) => {
    const results = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const response = await app.fetch(`/concurrent/${i}`, { method: 'POST', data: `request ${i}` });
        return { status: response.status(), echo: (await response.json()) as Record<string, unknown> };
      }),
    );
    results.forEach(({ status, echo }, i) => {
      expect(status).toBe(200);
      expect(echo['pathWithQuery']).toBe(`/concurrent/${i}`);
      expect(echo['body']).toBe(`request ${i}`);
    });
  });
});

test.describe('minimal', () => {
  test.use({ spinApp: '../components/fixtures/minimal' });

  test('a component hand-written in WebAssembly text (no JavaScript engine) answers too', async ({ app }) => {
    const response = await app.fetch('/anything');
    expect(response.status()).toBe(200);
    expect(await response.text()).toBe('hello from wat\n');
    expect(response.headers()['content-type']).toBe('text/plain');
  });
});
