/**
 * A deployed app, and what it stored, survive the browser being closed and started again with
 * the same profile.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, fetchFrom, test } from '../fixtures/swerve.ts';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium-path.js';

const PROBE_APP = `spin_manifest_version = 2
[application]
name = "kept"
[[trigger.http]]
route = "/..."
component = "probe"
[component.probe]
source = "probe.wasm"
key_value_stores = ["default"]
`;

test('a deployed app and its stored values survive a browser restart', async ({ baseURL }) => {
  const profile = await mkdtemp(join(tmpdir(), 'swerve-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: findChromium()?.executablePath,
      args: CHROMIUM_ARGS,
      baseURL,
    });
  const hostPage = async (context: BrowserContext) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await expect(page.locator('body[data-host="ready"]')).toBeAttached();
    return page;
  };
  try {
    const first = await launch();
    const page = await hostPage(first);
    await serveTestFiles(page);
    const deployed = await deployApp(page, {
      manifest: PROBE_APP,
      files: { 'probe.wasm': { built: 'fixtures/probe/dist/probe.wasm' } },
    });
    expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
    const written = await fetchFrom(page)('/apps/kept/?kv-label=default&kv-set=note&value=still-here');
    expect(written.status).toBe(200);
    await first.close();

    const second = await launch();
    const again = await hostPage(second);
    const read = await fetchFrom(again)('/apps/kept/?kv-label=default&kv-get=note');
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body).probes.kv.ok.value).toBe('still-here');
    await second.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
