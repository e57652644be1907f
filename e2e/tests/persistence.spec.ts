/**
 * A deployed app, and what it stored, survive the browser being closed and started again with
 * the same profile.
 */
import type { BrowserContext } from '@playwright/test';
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
