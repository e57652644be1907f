/**
 * A core module with its WIT world embedded (what a wasm32-wasip1 build with wit-bindgen leaves,
 * and what older Spin templates' `spin build` produces) is componentized at deploy with the WASI
 * preview 1 adapter, as Spin does when it loads it, and then runs like any component.
 */
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, test } from '../fixtures/swerve.ts';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "core-module"
[[trigger.http]]
route = "/..."
component = "core"
[component.core]
source = "core.wasm"
`;

test('a wasm32-wasip1 core module with its WIT embedded is componentized at deploy and answers', async ({
  hostPage,
  hostFetch,
  workerLogs,
}) => {
  await serveTestFiles(hostPage);
  const deployed = await deployApp(hostPage, {
    manifest: MANIFEST,
    files: { 'core.wasm': { built: 'fixtures/core-module/dist/core-module.wasm' } },
  });
  expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
  const response = await hostFetch('/apps/core-module/anything');
  expect(response.status).toBe(200);
  expect(response.body).toBe('hello from a core module\n');
  // Its preview 1 fd_write reached the guest's stdout through the adapter.
  await expect
    .poll(() =>
      workerLogs.find(
        (line) => line.includes('core-module/core') && line.includes('hello from a core module'),
      ),
    )
    .toBeTruthy();
});
