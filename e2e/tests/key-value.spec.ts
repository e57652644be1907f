/**
 * Key-value stores as the site's pages meet them (the rest, through `@swerve/playwright`:
 * e2e/app-tests/key-value.spec.ts). These stay on the site's fixtures: a deploy the host refuses
 * (the kit fails a test whose app does not deploy), two apps in one test (the kit gives a test
 * one app), and the page-side client's export, clear and import (`swerve/client`, which the
 * playground uses and the kit does not expose).
 */
import { deployApp, PROBE_FILES, probeManifest, serveTestFiles } from '../fixtures/deploy.ts';
import { withHost } from '../fixtures/app-hosts.ts';
import { expect, test } from '../fixtures/swerve.ts';

const PROBE_MANIFEST = (stores: string[]) => probeManifest('probe', stores);

test.beforeEach(async ({ hostPage }) => serveTestFiles(hostPage));

test('a listed label no store defines fails the deploy', async ({ hostPage }) => {
  const undefinedStore = await deployApp(hostPage, {
    manifest: PROBE_MANIFEST(['default', 'cache']),
    files: PROBE_FILES,
  });
  expect(undefinedStore).toMatchObject({ ok: false, code: 'manifest-invalid' });
  expect(!undefinedStore.ok && undefinedStore.error).toContain(
    'lists key-value store "cache", which no store defines',
  );
});

test("two apps using the label default never see each other's keys", async ({ hostPage, hostFetch }) => {
  for (const name of ['probe-a', 'probe-b']) {
    expect(
      (await deployApp(hostPage, { manifest: PROBE_MANIFEST(['default']), files: PROBE_FILES, name })).ok,
    ).toBe(true);
  }
  const a = JSON.parse((await hostFetch('/apps/probe-a/?kv-label=default&kv-set=secret&value=from-a')).body);
  expect(a.probes.kv.ok).toEqual({ value: 'from-a', keys: ['secret'] });
  const b = JSON.parse((await hostFetch('/apps/probe-b/?kv-label=default&kv-get=secret')).body);
  expect(b.probes.kv.ok).toEqual({ value: null, keys: [] });
});

test('the page-side client exports, clears and imports a store the component writes to', async ({
  hostPage,
  hostFetch,
}) => {
  const deployed = await deployApp(hostPage, {
    manifest: PROBE_MANIFEST(['default']),
    files: PROBE_FILES,
    keyValues: { default: { greeting: 'seeded hello' } },
  });
  expect(deployed.ok, JSON.stringify(deployed)).toBe(true);

  await hostFetch('/apps/probe/?kv-label=default&kv-set=from-guest&value=42');
  const pageView = await withHost(
    hostPage,
    'probe',
    async (host) => {
      const store = host.kv('probe');
      await store.set('from-page', 'written by the page');
      const exported = await store.export();
      await store.clear();
      const afterClear = await store.keys();
      const imported = await store.import(exported);
      return {
        fromGuest: await store.getText('from-guest'),
        exported,
        afterClear,
        imported,
        keys: await store.keys(),
      };
    },
    undefined,
  );
  expect(pageView.fromGuest).toBe('42');
  expect(pageView.exported).toEqual({
    format: 'swerve-kv-v1',
    entries: {
      'from-guest': { text: '42' },
      'from-page': { text: 'written by the page' },
      greeting: { text: 'seeded hello' },
    },
  });
  expect(pageView.afterClear).toEqual([]);
  expect(pageView.imported).toBe(3);
  expect(pageView.keys).toEqual(['from-guest', 'from-page', 'greeting']);
  const guestView = JSON.parse((await hostFetch('/apps/probe/?kv-label=default&kv-get=from-page')).body);
  expect(guestView.probes.kv.ok.value).toBe('written by the page');
});
