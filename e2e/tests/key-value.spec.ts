/**
 * Key-value stores in IndexedDB, through real components: Spin key-value 2.0 (kv-counter,
 * probe) and wasi:keyvalue (todo-api); access rules, isolation, durability, the page-side API.
 */
import { deployApp, PROBE_FILES, probeManifest, serveTestFiles } from '../fixtures/deploy.ts';
import { withHost } from '../fixtures/app-hosts.ts';
import { expect, fetchFrom, test } from '../fixtures/swerve.ts';
import { stopServiceWorkers } from '../fixtures/worker-control.ts';

const PROBE_MANIFEST = (stores: string[]) => probeManifest('probe', stores);

test('todo-api: create, list, read, update and delete through fetch', async ({ hostFetch }) => {
  const post = (title: string) =>
    hostFetch('/apps/todo-api/todos', { method: 'POST', body: JSON.stringify({ title }) });
  const first = await post('Buy milk');
  expect(first.status).toBe(201);
  expect(JSON.parse(first.body)).toEqual({ id: 1, title: 'Buy milk', done: false });
  await post('Walk the dog');

  expect(JSON.parse((await hostFetch('/apps/todo-api/todos')).body)).toEqual([
    { id: 1, title: 'Buy milk', done: false },
    { id: 2, title: 'Walk the dog', done: false },
  ]);
  const updated = await hostFetch('/apps/todo-api/todos/2', {
    method: 'PUT',
    body: JSON.stringify({ done: true }),
  });
  expect(JSON.parse(updated.body)).toEqual({ id: 2, title: 'Walk the dog', done: true });
  expect((await hostFetch('/apps/todo-api/todos/1', { method: 'DELETE' })).status).toBe(204);
  expect((await hostFetch('/apps/todo-api/todos/1')).status).toBe(404);
  expect(JSON.parse((await hostFetch('/apps/todo-api/todos/2')).body).done).toBe(true);
  expect((await hostFetch('/apps/todo-api/todos', { method: 'POST', body: 'not json' })).status).toBe(400);
});

test('100 concurrent increments leave exactly 100', async ({ hostPage }) => {
  const ids = await withHost(
    hostPage,
    'todo-api',
    (host) =>
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          host
            .fetch('/todos', { method: 'POST', body: JSON.stringify({ title: `todo ${i}` }) })
            .then((response) => response.json())
            .then((todo: { id: number }) => todo.id),
        ),
      ),
    undefined,
  );
  expect(new Set(ids).size).toBe(100);
  expect(Math.max(...ids)).toBe(100);
  const counter = await withHost(
    hostPage,
    'todo-api',
    async (host) => {
      const bytes = await host.kv('todo-api').get('next-id');
      return bytes ? Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true)) : undefined;
    },
    undefined,
  );
  expect(counter).toBe(100);
  const todos = JSON.parse((await fetchFrom(hostPage)('/apps/todo-api/todos')).body);
  expect(todos).toHaveLength(100);
});

test('counts survive a reload and the service worker being stopped between requests', async ({
  hostPage,
}) => {
  const visit = async () =>
    JSON.parse((await fetchFrom(hostPage)('/apps/kv-counter/page')).body) as { path: string; count: number };
  expect((await visit()).count).toBe(1);
  expect((await visit()).count).toBe(2);
  await stopServiceWorkers(hostPage);
  expect((await visit()).count).toBe(3);
  await hostPage.reload();
  await expect(hostPage.locator('body[data-host="ready"]')).toBeAttached();
  expect((await visit()).count).toBe(4);
  expect(JSON.parse((await fetchFrom(hostPage)('/apps/kv-counter/other')).body)).toEqual({
    path: '/other',
    count: 1,
  });
});

test.describe('with the probe component deployed', () => {
  test.beforeEach(async ({ hostPage }) => serveTestFiles(hostPage));

  test('a label the component does not list gives access-denied; a listed label no store defines fails the deploy', async ({
    hostPage,
    hostFetch,
  }) => {
    expect(
      (await deployApp(hostPage, { manifest: PROBE_MANIFEST(['default']), files: PROBE_FILES })).ok,
    ).toBe(true);
    const denied = JSON.parse((await hostFetch('/apps/probe/?kv-open=cache')).body);
    expect(denied.probes.kvOpen).toEqual({ err: { tag: 'access-denied' } });
    expect(JSON.parse((await hostFetch('/apps/probe/?kv-open=default')).body).probes.kvOpen).toEqual({
      ok: true,
    });

    const undefinedStore = await deployApp(hostPage, {
      manifest: PROBE_MANIFEST(['default', 'cache']),
      files: PROBE_FILES,
    });
    expect(undefinedStore).toMatchObject({ ok: false, code: 'manifest-invalid' });
    expect(!undefinedStore.ok && undefinedStore.error).toContain(
      'lists key-value store "cache", which no store defines',
    );

    const defined = await deployApp(hostPage, {
      manifest: PROBE_MANIFEST(['default', 'cache']),
      files: PROBE_FILES,
      keyValueStores: ['cache'],
    });
    expect(defined.ok).toBe(true);
    expect(JSON.parse((await hostFetch('/apps/probe/?kv-open=cache')).body).probes.kvOpen).toEqual({
      ok: true,
    });
  });

  test("two apps using the label default never see each other's keys", async ({ hostPage, hostFetch }) => {
    for (const name of ['probe-a', 'probe-b']) {
      expect(
        (await deployApp(hostPage, { manifest: PROBE_MANIFEST(['default']), files: PROBE_FILES, name })).ok,
      ).toBe(true);
    }
    const a = JSON.parse(
      (await hostFetch('/apps/probe-a/?kv-label=default&kv-set=secret&value=from-a')).body,
    );
    expect(a.probes.kv.ok).toEqual({ value: 'from-a', keys: ['secret'] });
    const b = JSON.parse((await hostFetch('/apps/probe-b/?kv-label=default&kv-get=secret')).body);
    expect(b.probes.kv.ok).toEqual({ value: null, keys: [] });
  });

  test('values seeded at deploy are visible to the component; the page sees what it writes and the other way round', async ({
    hostPage,
    hostFetch,
  }) => {
    const deployed = await deployApp(hostPage, {
      manifest: PROBE_MANIFEST(['default']),
      files: PROBE_FILES,
      keyValues: { default: { greeting: 'seeded hello' } },
    });
    expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
    const seeded = JSON.parse((await hostFetch('/apps/probe/?kv-label=default&kv-get=greeting')).body);
    expect(seeded.probes.kv.ok.value).toBe('seeded hello');

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
});
