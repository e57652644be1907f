/**
 * A component deployed from a page (its bytes, as the site, the playground and the viewer deploy)
 * has its core modules compiled from Cache Storage, where V8 keeps their compiled code
 * (sw-host/src/core-wasm/code-cache.ts). This stays on the site's fixtures: `@swerve/playwright`
 * deploys components it transpiled in Node by URL (as `swerve up` does), which the HTTP cache
 * keeps instead, so it never takes this path.
 */
import { readFileSync } from 'node:fs';
import { appOrigin } from '../fixtures/app-hosts.ts';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, test } from '../fixtures/swerve.ts';

const counterApp = {
  name: 'counter',
  manifest: readFileSync(new URL('../../components/fixtures/counter/spin.toml', import.meta.url), 'utf8'),
  files: { 'dist/counter.wasm': { built: 'fixtures/counter/dist/counter.wasm' } },
};

test("a deployed component's core modules are compiled from Cache Storage, where V8 keeps their code", async ({
  hostPage,
  hostFetch,
  context,
}) => {
  await serveTestFiles(hostPage);
  expect((await deployApp(hostPage, counterApp)).ok).toBe(true);
  expect((await hostFetch('/apps/counter/')).status).toBe(200);
  const page = await context.newPage();
  await page.goto(`${appOrigin('counter')}/_swerve/host.html`);
  const cached = await page.evaluate(async () => {
    const cache = await caches.open('swerve-core-modules');
    return Promise.all(
      (await cache.keys()).map(async (request) => ({
        path: new URL(request.url).pathname,
        type: (await cache.match(request))?.headers.get('content-type'),
      })),
    );
  });
  expect(cached.length).toBeGreaterThan(0);
  for (const entry of cached) {
    expect(entry.path).toMatch(/^\/_swerve\/cache\/r1-[0-9a-f]+\/[^/]+\.wasm$/);
    expect(entry.type).toBe('application/wasm');
  }
});
