// A JavaScript component (componentize-js) that counts visits per path in Spin's key-value store.
import { expect, test } from '@swerve/playwright';

test.use({ spinApp: 'apps/kv-counter/spin.toml' });

test.describe('seeded', () => {
  test.use({ keyValues: { default: { 'visits:/seeded': '41' } } });

  test('the handler reads what the test seeded', async ({ app }) => {
    const res = await app.fetch('/seeded');
    expect(await res.json()).toEqual({ path: '/seeded', count: 42 });
  });
});

test('the test reads what the handler wrote', async ({ app }) => {
  await app.fetch('/page');
  await app.fetch('/page');
  expect(await app.kv().getText('visits:/page')).toBe('2');
  expect(await app.kv().getJson('visits:/page')).toBe(2);
  expect(await app.kv().keys()).toEqual(['visits:/page']);
});

test('a value set from the test, then deleted', async ({ app }) => {
  await app.kv().set('visits:/set', 9);
  expect(await (await app.fetch('/set')).json()).toEqual({ path: '/set', count: 10 });
  await app.kv().delete('visits:/set');
  expect(await app.kv().get('visits:/set')).toBeUndefined();
  expect(await (await app.fetch('/set')).json()).toEqual({ path: '/set', count: 1 });
});

test('counts survive the service worker being stopped, as the browser stops an idle one', async ({ app }) => {
  expect(await (await app.fetch('/kept')).json()).toEqual({ path: '/kept', count: 1 });
  await app.stopServiceWorker();
  expect(await (await app.fetch('/kept')).json()).toEqual({ path: '/kept', count: 2 });
});

test.describe('in worker mode', () => {
  test.use({ serviceWorkers: 'block' });

  test('there is no service worker to stop, and the kit says so', async ({ app }) => {
    expect(app.hostMode).toBe('worker');
    await expect(app.stopServiceWorker()).rejects.toThrow(/worker mode .* so there is none to stop/);
  });
});
