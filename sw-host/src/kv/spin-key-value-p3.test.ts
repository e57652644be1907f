import { describe, expect, it } from 'vitest';
import { MemoryKvBackend } from './memory-backend.ts';
import { KvStorageError } from './kv-storage-error.ts';
import { MAX_RESULT_BYTES } from './kv-store-handle.ts';
import { disposeSymbol } from './resource-dispose.ts';
import { createSpinKeyValue } from './spin-key-value.ts';
import { createSpinKeyValueP3, type SpinKvStoreP3 } from './spin-key-value-p3.ts';
import { backendWorlds, bytes, rejection, testContext } from './kv-test-support.test-helper.ts';

/** Everything get-keys gives: the keys the stream yields, and how its future settles. */
async function listKeys(store: SpinKvStoreP3): Promise<{ keys: string[]; done: unknown }> {
  const [stream, done] = await store.getKeys();
  const keys: string[] = [];
  for await (const key of stream) keys.push(key);
  return { keys, done: await done.catch((error: unknown) => ({ rejected: error })) };
}

const OK = { tag: 'ok', val: undefined };

describe.each(backendWorlds)('spin:key-value@3.0.0 over %s', (_name, makeWorld) => {
  it('behaves like Spin’s own key-value test component, async', async () => {
    const { Store } = createSpinKeyValueP3(testContext(makeWorld()));
    expect(await rejection(Store.open('forbidden'))).toEqual({ tag: 'access-denied' });

    const store = await Store.open('default');
    expect(store).toBeInstanceOf(Store);
    await store.delete('bar');
    expect(await store.exists('bar')).toBe(false);
    expect(await store.get('bar')).toBeUndefined();
    expect(await listKeys(store)).toEqual({ keys: [], done: OK });

    await store.set('bar', bytes('baz'));
    expect(await store.exists('bar')).toBe(true);
    expect(await store.get('bar')).toEqual(bytes('baz'));
    await store.set('qux', bytes('yay'));
    const listed = await listKeys(store);
    expect(listed.keys.sort()).toEqual(['bar', 'qux']);
    expect(listed.done).toEqual(OK);

    await store.delete('bar');
    await store.delete('qux');
    expect(await store.exists('bar')).toBe(false);
    expect(await listKeys(store)).toEqual({ keys: [], done: OK });
  });

  it('shares the store with a WASI 0.2 component’s fermyon:spin/key-value@2.0.0', async () => {
    const world = makeWorld();
    const p3 = await createSpinKeyValueP3(testContext(world)).Store.open('default');
    const p2 = await createSpinKeyValue(testContext(world)).Store.open('default');
    await p3.set('from-p3', bytes('3'));
    await p2.set('from-p2', bytes('2'));
    expect(await p2.get('from-p3')).toEqual(bytes('3'));
    expect(await p3.get('from-p2')).toEqual(bytes('2'));
    expect((await listKeys(p3)).keys.sort()).toEqual(['from-p2', 'from-p3']);
  });

  it('answers no-such-store for a listed label the app does not define, as 2.0 does', async () => {
    const { Store } = createSpinKeyValueP3(
      testContext(makeWorld(), { labels: ['default', 'ghost'], defined: ['default'] }),
    );
    expect(await rejection(Store.open('ghost'))).toEqual({ tag: 'no-such-store' });
  });

  it('opens 256 stores at once, not 257; dropping one frees a slot', async () => {
    const { Store } = createSpinKeyValueP3(testContext(makeWorld()));
    const stores: SpinKvStoreP3[] = [];
    for (let i = 0; i < 256; i++) stores.push(await Store.open('default'));
    expect(await rejection(Store.open('default'))).toEqual({ tag: 'store-table-full' });
    (stores[0] as unknown as Record<symbol, () => void>)[disposeSymbol]?.();
    await expect(Store.open('default')).resolves.toBeInstanceOf(Store);
  });

  it('warns past Spin’s hosted limits, as 2.0 does', async () => {
    const context = testContext(makeWorld());
    const store = await createSpinKeyValueP3(context).Store.open('default');
    await store.set('k'.repeat(257), bytes('v'));
    expect(context.warnings).toEqual([expect.stringContaining('257 bytes, over the hosted limit of 256')]);
  });
});

describe('spin:key-value@3.0.0 errors', () => {
  it('turns a storage failure into other(...) naming the store', async () => {
    const backend = new MemoryKvBackend();
    backend.get = () => Promise.reject(new KvStorageError('io', 'get "k": UnknownError'));
    const store = await createSpinKeyValueP3(testContext(() => () => backend)).Store.open('default');
    const error = await rejection(store.get('k'));
    expect(error).toEqual({
      tag: 'other',
      val: 'key-value store "default": IndexedDB failed: get "k": UnknownError',
    });
    expect(error).not.toBeInstanceOf(Error);
  });

  it('ends the key stream empty and rejects its future with the error when the listing fails', async () => {
    const backend = new MemoryKvBackend();
    backend.keys = () => Promise.reject(new KvStorageError('io', 'keys: UnknownError'));
    const store = await createSpinKeyValueP3(testContext(() => () => backend)).Store.open('default');
    expect(await listKeys(store)).toEqual({
      keys: [],
      done: {
        rejected: { tag: 'other', val: 'key-value store "default": IndexedDB failed: keys: UnknownError' },
      },
    });
  });

  it('keeps get-keys within Spin’s limit on what a host buffers', async () => {
    const backend = new MemoryKvBackend();
    backend.keys = () => Promise.resolve(['x'.repeat(MAX_RESULT_BYTES + 1)]);
    const store = await createSpinKeyValueP3(testContext(() => () => backend)).Store.open('default');
    expect(await listKeys(store)).toEqual({
      keys: [],
      done: { rejected: { tag: 'other', val: `query result exceeds limit of ${MAX_RESULT_BYTES} bytes` } },
    });
  });

  it('lets a host bug through as an Error, which traps the guest', async () => {
    const backend = new MemoryKvBackend();
    backend.exists = () => Promise.reject(new TypeError('bug'));
    const store = await createSpinKeyValueP3(testContext(() => () => backend)).Store.open('default');
    expect(await rejection(store.exists('k'))).toBeInstanceOf(TypeError);
  });
});
