// A worker's tests of one app share its origin and browser context; between them the kit resets
// both. Here one test leaves everything it can behind, and the next test, in the same worker,
// must find none of it.
import { expect, test } from '@swerve/playwright';

// In order, in one worker: the second test of each pair runs right after the first.
test.describe.configure({ mode: 'default' });

interface Probe {
  probes: { var?: { ok?: string }; kv?: { ok?: { value: string | null; keys: string[] } } };
}

test.describe('stores, variables, records, and what the page kept', () => {
  test.use({ spinApp: 'apps/settings' });
  let first: { worker: number; origin: string } | undefined;

  test.describe('the first test', () => {
    test.use({ variables: { api_token: 'first-token' }, keyValues: { cache: { seeded: 'by the first' } } });

    test('leaves state behind', async ({ app, page, context }, testInfo) => {
      first = { worker: testInfo.parallelIndex, origin: app.origin };
      const written = await app.fetch('/?kv-label=cache&kv-set=written&value=by-the-guest&var=token');
      expect((await written.json<Probe>()).probes.var).toEqual({ ok: 'first-token' });
      await app.kv().set('left', 'by the test');
      await page.goto('/a-document');
      await page.evaluate(() => {
        localStorage.setItem('left', 'by the page');
        sessionStorage.setItem('left', 'by the page');
      });
      await context.addCookies([{ name: 'left', value: 'by-the-test', url: app.origin }]);
      await context.addInitScript(() => ((globalThis as { leftScript?: boolean }).leftScript = true));
      await context.route('**/routed', (route) => route.fulfill({ body: 'from the first test' }));
      expect(await app.kv('cache').keys()).toEqual(['seeded', 'written']);
    });
  });

  test.describe('the next test', () => {
    test.use({ variables: { api_token: 'next-token' }, keyValues: { cache: {} } });

    test('finds none of it', async ({ app, page, context }, testInfo) => {
      // The same worker and origin: the reset, not a new origin, is what is tested.
      expect(first).toEqual({ worker: testInfo.parallelIndex, origin: app.origin });
      const res = await app.fetch('/?var=token&kv-label=cache&kv-get=written');
      const { probes } = await res.json<Probe>();
      expect(probes.var).toEqual({ ok: 'next-token' });
      expect(probes.kv).toEqual({ ok: { value: null, keys: [] } });
      expect(await app.kv().keys()).toEqual([]);
      expect(await app.kv('cache').keys()).toEqual([]);
      expect((await app.requests()).map((record) => record.path)).toEqual([
        '/?var=token&kv-label=cache&kv-get=written',
      ]);
      expect((await app.logs()).filter((line) => line.message.startsWith('Deployed'))).toHaveLength(1);
      expect(await context.cookies()).toEqual([]);
      await page.goto('/routed');
      expect(await page.locator('body').textContent()).toContain('"pathWithQuery": "/routed"');
      expect(
        await page.evaluate(() => [
          localStorage.length,
          sessionStorage.length,
          (globalThis as { leftScript?: boolean }).leftScript,
        ]),
      ).toEqual([0, 0, undefined]);
      await app.kv().set('left', 'by the next test');
    });
  });

  test.describe('a test that asks only for its page', () => {
    test.use({ variables: { api_token: 'page-token' }, keyValues: { cache: {} } });

    test('finds the app reset and deployed with its options too', async ({ page }) => {
      await page.goto('/?var=token&kv-label=default&kv-get=left');
      const { probes } = JSON.parse((await page.locator('body').textContent()) ?? '') as Probe;
      expect(probes.var).toEqual({ ok: 'page-token' });
      expect(probes.kv).toEqual({ ok: { value: null, keys: [] } });
    });
  });
});

test.describe("the guest's output", () => {
  test.use({ spinApp: 'apps/echo' });

  test('prints a line', async ({ app }) => {
    await app.fetch('/from-the-first');
    await expect
      .poll(async () => (await app.logs()).map((line) => line.message))
      .toContain('echo: GET /from-the-first');
  });

  test('the next test reads only its own', async ({ app }) => {
    await app.fetch('/from-the-next');
    await expect
      .poll(async () => (await app.logs()).map((line) => line.message))
      .toContain('echo: GET /from-the-next');
    expect((await app.logs()).some((line) => line.message.includes('from-the-first'))).toBe(false);
  });
});

test.describe('the blank page a test is given', () => {
  test.use({ spinApp: 'apps/minimal' });

  test('is written on without loading anything', async ({ page }) => {
    await page.setContent('<p id="left">by the first test</p>');
    await page.evaluate(() => ((globalThis as { leftGlobal?: boolean }).leftGlobal = true));
  });

  test('is blank again for the next', async ({ page }) => {
    expect(await page.locator('#left').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { leftGlobal?: boolean }).leftGlobal)).toBeUndefined();
  });
});

test.describe('a request the last test left running', () => {
  test.use({ spinApp: 'apps/loop', requestTimeout: 1000 });

  test('is sent and not awaited', async ({ app }) => {
    // /spin loops until its deadline stops it, after this test has ended.
    void app.fetch('/spin').catch(() => undefined);
  });

  test('has ended before the next test begins, so it is not among its requests', async ({ app }) => {
    await expect(app.fetch('/spin')).rejects.toThrow(/deadline of 1000 ms/);
    expect((await app.requests()).map((record) => record.path)).toEqual(['/spin']);
  });
});
