import { describe, expect, it } from 'vitest';
import { MemoryKvBackend } from './memory-backend.ts';
import { KvStorageError, toKvStorageError } from './kv-storage-error.ts';
import { disposeSymbol } from './resource-dispose.ts';
import { createSpinKeyValue } from './spin-key-value.ts';
import type { SpinKvStore } from './spin-key-value.ts';
import { backendWorlds, bytes, rejection, testContext } from './kv-test-support.test-helper.ts';

describe.each(backendWorlds)('fermyon:spin/key-value over %s', (_name, makeWorld) => {
  it('behaves like Spin’s own key-value test component', async () => {
    const { Store } = createSpinKeyValue(testContext(makeWorld()));
    expect(await rejection(Store.open('forbidden'))).toEqual({ tag: 'access-denied' });

    const store = await Store.open('default');
    expect(store).toBeInstanceOf(Store);
    await store.delete('bar');
    expect(await store.exists('bar')).toBe(false);
    expect(await store.get('bar')).toBeUndefined();
    expect(await store.getKeys()).toEqual([]);

    await store.set('bar', bytes('baz'));
    expect(await store.exists('bar')).toBe(true);
    expect(await store.get('bar')).toEqual(bytes('baz'));
    expect(await store.getKeys()).toEqual(['bar']);

    await store.set('bar', bytes('wow'));
    expect(await store.get('bar')).toEqual(bytes('wow'));
    await store.set('qux', bytes('yay'));
    expect((await store.getKeys()).sort()).toEqual(['bar', 'qux']);

    await store.delete('bar');
    await store.delete('bar');
    await store.delete('qux');
    expect(await store.exists('bar')).toBe(false);
    expect(await store.get('qux')).toBeUndefined();
    expect(await store.getKeys()).toEqual([]);
  });

  it('keeps values for the next request (a fresh instance)', async () => {
    const world = makeWorld();
    const first = await createSpinKeyValue(testContext(world)).Store.open('default');
    await first.set('visits', bytes('1'));
    const next = await createSpinKeyValue(testContext(world)).Store.open('default');
    expect(await next.get('visits')).toEqual(bytes('1'));
  });

  it('keeps two apps that both use "default" apart', async () => {
    const world = makeWorld();
    const a = await createSpinKeyValue(testContext(world, { appId: 'app-a' })).Store.open('default');
    const b = await createSpinKeyValue(testContext(world, { appId: 'app-b' })).Store.open('default');
    await a.set('secret', bytes('a'));
    expect(await b.get('secret')).toBeUndefined();
    expect(await b.getKeys()).toEqual([]);
    expect(await a.get('secret')).toEqual(bytes('a'));
  });

  it('denies "default" when the component does not list it', async () => {
    const { Store } = createSpinKeyValue(testContext(makeWorld(), { labels: ['cache'] }));
    expect(await rejection(Store.open('default'))).toEqual({ tag: 'access-denied' });
    await expect(Store.open('cache')).resolves.toBeInstanceOf(Store);
  });

  it('answers no-such-store for a listed label the app does not define', async () => {
    const { Store } = createSpinKeyValue(
      testContext(makeWorld(), { labels: ['default', 'ghost'], defined: ['default'] }),
    );
    expect(await rejection(Store.open('ghost'))).toEqual({ tag: 'no-such-store' });
  });

  it('opens 256 stores at once, not 257; dropping one frees a slot', async () => {
    const { Store } = createSpinKeyValue(testContext(makeWorld()));
    const stores: SpinKvStore[] = [];
    for (let i = 0; i < 256; i++) stores.push(await Store.open('default'));
    expect(await rejection(Store.open('default'))).toEqual({ tag: 'store-table-full' });
    (stores[0] as unknown as Record<symbol, () => void>)[disposeSymbol]?.();
    await expect(Store.open('default')).resolves.toBeInstanceOf(Store);
  });

  it('warns once per limit when a write goes past Spin’s hosted limits', async () => {
    const context = testContext(makeWorld());
    const store = await createSpinKeyValue(context).Store.open('default');
    await store.set('k'.repeat(257), bytes('v'));
    await store.set('j'.repeat(300), bytes('v'));
    await store.set('big', new Uint8Array(1024 * 1024 + 1));
    expect(await store.get('big')).toHaveLength(1024 * 1024 + 1);
    expect(context.warnings).toHaveLength(2);
    expect(context.warnings[0]).toContain('257 bytes, over the hosted limit of 256');
    expect(context.warnings[1]).toContain('1048577 bytes, over the hosted limit of 1048576');
  });

  it('warns when a store grows past 1024 keys, and still stores the key', async () => {
    const context = testContext(makeWorld());
    const store = await createSpinKeyValue(context).Store.open('default');
    for (let i = 0; i < 1024; i++) await store.set(`key-${i}`, bytes('v'));
    expect(context.warnings).toEqual([]);
    await store.set('one-more', bytes('v'));
    expect(context.warnings).toEqual([
      '[swerve] key-value store "default" now holds 1025 keys, over the hosted limit of 1024 per store; this write would fail on Fermyon Cloud (local Spin accepts it).',
    ]);
    expect(await store.exists('one-more')).toBe(true);
  });
});

describe('fermyon:spin/key-value errors', () => {
  const quotaFull = () =>
    toKvStorageError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'), 'set');

  it('turns a full browser quota into other("...browser storage is full...")', async () => {
    const backend = new MemoryKvBackend();
    backend.set = () => Promise.reject(quotaFull());
    const { Store } = createSpinKeyValue(testContext(() => () => backend));
    const store = await Store.open('default');
    const error = await rejection(store.set('k', bytes('v')));
    expect(error).toEqual({ tag: 'other', val: expect.stringContaining('browser storage is full') });
    expect(error).not.toBeInstanceOf(Error);
  });

  it('turns other storage failures into other(...) naming the store', async () => {
    const backend = new MemoryKvBackend();
    backend.get = () =>
      Promise.reject(new KvStorageError('io', 'swerve-kv-v1:app:default: get "k": UnknownError'));
    const store = await createSpinKeyValue(testContext(() => () => backend)).Store.open('default');
    expect(await rejection(store.get('k'))).toEqual({
      tag: 'other',
      val: 'key-value store "default": IndexedDB failed: swerve-kv-v1:app:default: get "k": UnknownError',
    });
  });

  it('lets a host bug through as an Error, which traps the guest', async () => {
    const backend = new MemoryKvBackend();
    backend.exists = () => Promise.reject(new TypeError('bug'));
    const store = await createSpinKeyValue(testContext(() => () => backend)).Store.open('default');
    expect(await rejection(store.exists('k'))).toBeInstanceOf(TypeError);
  });
});
