/**
 * Key-value stores in IndexedDB, through real components: Spin key-value 2.0 (kv-counter,
 * probe) and wasi:keyvalue (todo-api); access rules, durability, seeds, the test's own view of
 * the store. (A deploy refused for a store no one defines, two apps' stores side by side, and
 * the page-side client's export and import: e2e/tests/key-value.spec.ts.)
 */
import { expect, test } from '@swerve/playwright';

test.describe('todo-api', () => {
  test.use({ spinApp: '../components/examples/todo-api' });

  test('create, list, read, update and delete through fetch', async ({ app }) => {
    const post = (title: string) => app.fetch('/todos', { method: 'POST', data: JSON.stringify({ title }) });
    const first = await post('Buy milk');
    expect(first.status()).toBe(201);
    expect(await first.json()).toEqual({ id: 1, title: 'Buy milk', done: false });
    await post('Walk the dog');

    expect(await (await app.fetch('/todos')).json()).toEqual([
      { id: 1, title: 'Buy milk', done: false },
      { id: 2, title: 'Walk the dog', done: false },
    ]);
    const updated = await app.fetch('/todos/2', { method: 'PUT', data: JSON.stringify({ done: true }) });
    expect(await updated.json()).toEqual({ id: 2, title: 'Walk the dog', done: true });
    expect((await app.fetch('/todos/1', { method: 'DELETE' })).status()).toBe(204);
    expect((await app.fetch('/todos/1')).status()).toBe(404);
    expect(((await (await app.fetch('/todos/2')).json()) as { done: boolean }).done).toBe(true);
    expect((await app.fetch('/todos', { method: 'POST', data: 'not json' })).status()).toBe(400);
  });

  test('100 concurrent increments leave exactly 100', async ({ app, kv }) => {
    const ids = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const response = await app.fetch('/todos', {
          method: 'POST',
          data: JSON.stringify({ title: `todo ${i}` }),
        });
        return ((await response.json()) as { id: number }).id;
      }),
    );
    expect(new Set(ids).size).toBe(100);
    expect(Math.max(...ids)).toBe(100);
    const bytes = await kv.get('next-id');
    const counter = bytes && Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true));
    expect(counter).toBe(100);
    expect(await (await app.fetch('/todos')).json()).toHaveLength(100);
  });
});

test.describe('kv-counter', () => {
  test.use({ spinApp: '../components/examples/kv-counter' });

  test('counts survive the service worker being stopped between requests, and a reload of a page', async ({
    app,
    page,
  }) => {
    const visit = async () => (await (await app.fetch('/page')).json()) as { path: string; count: number };
    expect((await visit()).count).toBe(1);
    expect((await visit()).count).toBe(2);
    await app.stopServiceWorker();
    expect((await visit()).count).toBe(3);
    // The app's own document, served by the restarted worker, then reloaded.
    await page.goto('/page');
    expect(JSON.parse(await page.locator('body').innerText())).toEqual({ path: '/page', count: 4 });
    await page.reload();
    expect(JSON.parse(await page.locator('body').innerText())).toEqual({ path: '/page', count: 5 });
    expect(await (await app.fetch('/other')).json()).toEqual({ path: '/other', count: 1 });
  });
});

test.describe('the probe, listing only default', () => {
  test.use({ spinApp: '../components/fixtures/probe' });

  test('a label the component does not list gives access-denied; a listed one opens', async ({ app }) => {
    const denied = await (await app.fetch('/?kv-open=cache')).json();
    expect(denied).toMatchObject({ probes: { kvOpen: { err: { tag: 'access-denied' } } } });
    const opened = await (await app.fetch('/?kv-open=default')).json();
    expect(opened).toMatchObject({ probes: { kvOpen: { ok: true } } });
  });
});

test.describe('the probe, listing default and cache', () => {
  // Seeding `cache` defines it (as `swerve up --key-value` does).
  test.use({ spinApp: '../components/fixtures/probe/kv-cache.spin.toml', keyValues: { cache: {} } });

  test('a listed label that a store defines opens', async ({ app }) => {
    const opened = await (await app.fetch('/?kv-open=cache')).json();
    expect(opened).toMatchObject({ probes: { kvOpen: { ok: true } } });
  });
});

test.describe('the probe, seeded', () => {
  test.use({ spinApp: '../components/fixtures/probe', keyValues: { default: { greeting: 'seeded hello' } } });

  test('values seeded at deploy are visible to the component; the test sees what it writes and the other way round', async ({
    app,
    kv,
  }) => {
    const probeKv = async (query: string) =>
      ((await (await app.fetch(`/?kv-label=default&${query}`)).json()) as { probes: { kv: { ok: unknown } } })
        .probes.kv.ok;
    expect(await probeKv('kv-get=greeting')).toMatchObject({ value: 'seeded hello' });

    await probeKv('kv-set=from-guest&value=42');
    expect(await kv.getText('from-guest')).toBe('42');
    await kv.set('from-page', 'written by the test');
    expect(await kv.keys()).toEqual(['from-guest', 'from-page', 'greeting']);
    expect(await probeKv('kv-get=from-page')).toMatchObject({ value: 'written by the test' });
  });
});
