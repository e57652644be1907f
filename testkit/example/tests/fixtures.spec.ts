// The app's parts as fixtures of their own, and one deployment shared by a file's tests when
// they ask for it (appScope: 'worker').
import { expect, test } from '@swerve/playwright';

test.use({ spinApp: 'apps/kv-counter' });

test('kv, logs and requests are the app’s', async ({ app, kv, logs, requests }) => {
  await kv.set('visits:/parts', 4);
  expect(await (await app.fetch('/parts')).json()).toEqual({ path: '/parts', count: 5 });
  expect(await kv.getText('visits:/parts')).toBe('5');
  expect(await kv.keys()).toEqual(await app.kv().keys());
  expect((await requests()).map((record) => record.path)).toEqual(['/parts']);
  expect((await logs()).map((line) => line.message)).toContain('Deployed at /.');
});

test.describe('a deployment shared by the tests of a file', () => {
  // In order, in one worker: the second test sees what the first left.
  test.describe.configure({ mode: 'serial' });
  test.use({ appScope: 'worker' });
  let origin = '';

  test('the first counts one', async ({ app }) => {
    origin = app.origin;
    expect(await (await app.fetch('/shared')).json()).toEqual({ path: '/shared', count: 1 });
  });

  test('the next counts on', async ({ app, requests }) => {
    expect(app.origin).toBe(origin);
    expect(await (await app.fetch('/shared')).json()).toEqual({ path: '/shared', count: 2 });
    expect((await requests()).map((record) => record.path)).toEqual(['/shared', '/shared']);
  });
});
