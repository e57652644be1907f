/**
 * A deployed app, and what it stored, survive the browser being closed and started again with
 * the same profile.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { appTab } from '../fixtures/app-hosts.ts';
import { deployApp, PROBE_FILES, probeManifest, serveTestFiles } from '../fixtures/deploy.ts';
import { firstPage, withPersistentProfile } from '../fixtures/persistent-browser.ts';
import { expect, fetchFrom, test } from '../fixtures/swerve.ts';

async function hostPage(context: BrowserContext) {
  const page = await firstPage(context);
  await page.goto('/');
  await expect(page.locator('body[data-host="ready"]')).toBeAttached();
  return page;
}

test('a deployed app and its stored values survive a browser restart', async ({ baseURL }) => {
  await withPersistentProfile(baseURL!, async (launch) => {
    const first = await launch();
    const page = await hostPage(first);
    await serveTestFiles(page);
    const deployed = await deployApp(page, {
      manifest: probeManifest('kept', ['default']),
      files: PROBE_FILES,
    });
    expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
    const written = await fetchFrom(page)('/apps/kept/?kv-label=default&kv-set=note&value=still-here');
    expect(written.status).toBe(200);
    await first.close();

    const second = await launch();
    const read = await fetchFrom(await hostPage(second))('/apps/kept/?kv-label=default&kv-get=note');
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body).probes.kv.ok.value).toBe('still-here');
    await second.close();
  });
});

/** What app `key`'s origin keeps: stored component versions, and compiled-code URLs in Cache Storage. */
async function storageOf(tab: Page): Promise<{ artifacts: string[]; compiled: string[] }> {
  return tab.evaluate(async () => {
    const artifacts = await new Promise<string[]>((resolve, reject) => {
      const open = indexedDB.open('swerve-artifacts-v1');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const keys = open.result.transaction('artifacts').objectStore('artifacts').getAllKeys();
        keys.onsuccess = () => {
          open.result.close();
          resolve(keys.result.map(String));
        };
        keys.onerror = () => reject(keys.error);
      };
    });
    const cache = await caches.open('swerve-core-modules');
    const compiled = (await cache.keys()).map((request) => request.url);
    return { artifacts, compiled };
  });
}

test('a redeploy with another component deletes the one it replaced from IndexedDB and Cache Storage', async ({
  hostPage,
}) => {
  const key = `pruned-${Date.now().toString(36)}`;
  const manifest = (source: string) => `spin_manifest_version = 2
[application]
name = "${key}"
[[trigger.http]]
route = "/..."
component = "main"
[component.main]
source = "${source}"
`;
  await serveTestFiles(hostPage);
  const fetchApp = fetchFrom(hostPage);
  const first = await deployApp(hostPage, { key, manifest: manifest('probe.wasm'), files: PROBE_FILES });
  expect(first.ok, JSON.stringify(first)).toBe(true);
  expect((await fetchApp(`/apps/${key}/`)).status).toBe(200);
  const tab = await appTab(hostPage, key);
  const before = await storageOf(tab);
  expect(before.artifacts).toHaveLength(1);
  const replaced = before.artifacts[0]!;
  expect(before.compiled.some((url) => url.includes(replaced))).toBe(true);

  const second = await deployApp(hostPage, {
    key,
    manifest: manifest('minimal.wasm'),
    files: { 'minimal.wasm': { built: 'fixtures/minimal/dist/minimal.wasm' } },
  });
  expect(second.ok, JSON.stringify(second)).toBe(true);
  expect((await fetchApp(`/apps/${key}/`)).status).toBe(200);
  const after = await storageOf(tab);
  expect(after.artifacts).toHaveLength(1);
  expect(after.artifacts).not.toContain(replaced);
  expect(after.compiled.length).toBeGreaterThan(0);
  expect(after.compiled.filter((url) => url.includes(replaced))).toEqual([]);
});
