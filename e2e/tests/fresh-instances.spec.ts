/**
 * Every request gets a fresh instance, as in Spin, though the host reuses memories between
 * instances (docs/decisions/0010): the `counter` fixture counts in memory and in a global and
 * grows its memory by a page per request, so any state kept from an earlier request shows.
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

test('a component counting in memory and in a global sees 1 on every request, at its initial size', async ({
  hostPage,
  hostFetch,
}) => {
  await serveTestFiles(hostPage);
  const outcome = await deployApp(hostPage, counterApp);
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);

  for (let i = 0; i < 5; i++) {
    const response = await hostFetch('/apps/counter/');
    expect(response.status).toBe(200);
    expect(response.body).toBe('memory=1 global=1 pages=2\n');
  }
  // In flight together, each still has an instance of its own.
  const together = await Promise.all(Array.from({ length: 8 }, () => hostFetch('/apps/counter/')));
  expect(together.map((r) => r.body)).toEqual(Array(8).fill('memory=1 global=1 pages=2\n'));
});

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
