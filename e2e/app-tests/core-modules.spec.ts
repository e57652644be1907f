/**
 * A core module with its WIT world embedded (what a wasm32-wasip1 build with wit-bindgen leaves,
 * and what older Spin templates' `spin build` produces) is componentized at deploy with the WASI
 * preview 1 adapter, as Spin does when it loads it, and then runs like any component. (The kit
 * deploys a core module's bytes: the browser componentizes it, as the site's deploys do.)
 */
import { expect, test } from '@swerve/playwright';

test.use({ spinApp: '../components/fixtures/core-module' });

test('a wasm32-wasip1 core module with its WIT embedded is componentized at deploy and answers', async ({
  app,
  logs,
}) => {
  const response = await app.fetch('/anything');
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe('hello from a core module\n');
  // Its preview 1 fd_write reached the guest's stdout through the adapter.
  await expect
    .poll(async () =>
      (await logs()).find(
        (line) =>
          line.source === 'stdout' &&
          line.component === 'core-module' &&
          line.message.includes('hello from a core module'),
      ),
    )
    .toBeTruthy();
});
