import { describe, expect, it, vi } from 'vitest';
import { encodeInt64LE } from './int64-le.ts';
import { createKvImports } from './kv-imports.ts';
import { toKvStorageError } from './kv-storage-error.ts';
import { MemoryKvBackend } from './memory-backend.ts';
import { disposeSymbol } from './resource-dispose.ts';
import { createWasiKeyValue } from './wasi-keyvalue.ts';
import type { WasiCas } from './wasi-keyvalue-atomics.ts';
import { backendWorlds, bytes, rejection, testContext } from './kv-test-support.test-helper.ts';
import type { BackendWorld } from './kv-test-support.test-helper.ts';

const open = async (world: BackendWorld, options: Parameters<typeof testContext>[1] = {}) => {
  const kv = createWasiKeyValue(testContext(world, options));
  return { kv, bucket: await kv['wasi:keyvalue/store'].open('default') };
};

describe.each(backendWorlds)('wasi:keyvalue over %s', (_name, makeWorld) => {
  it('behaves like Spin’s own wasi-key-value test component (store and batch)', async () => {
    const { kv, bucket } = await open(makeWorld());
    const { getMany, setMany, deleteMany } = kv['wasi:keyvalue/batch'];
    expect(await rejection(kv['wasi:keyvalue/store'].open('forbidden'))).toEqual({ tag: 'access-denied' });
    expect(bucket).toBeInstanceOf(kv['wasi:keyvalue/store'].Bucket);

    await bucket.delete('bar');
    expect(await bucket.exists('bar')).toBe(false);
    expect(await bucket.get('bar')).toBeUndefined();
    expect(await bucket.listKeys(undefined)).toEqual({ keys: [], cursor: undefined });
    await bucket.set('bar', bytes('baz'));
    expect(await bucket.get('bar')).toEqual(bytes('baz'));
    expect(await bucket.listKeys(undefined)).toEqual({ keys: ['bar'], cursor: undefined });
    expect(await rejection(bucket.listKeys('0'))).toEqual({
      tag: 'other',
      val: 'list_keys: cursor not supported',
    });

    await setMany(bucket, [
      ['bar', bytes('bin')],
      ['baz', bytes('buzz')],
    ]);
    expect(await getMany(bucket, ['bar', 'baz'])).toEqual([
      ['bar', bytes('bin')],
      ['baz', bytes('buzz')],
    ]);
    await deleteMany(bucket, ['bar', 'baz', 'never-set']);
    expect(await bucket.listKeys(undefined)).toEqual({ keys: [], cursor: undefined });
  });

  it('get-many leaves out missing keys and repeats, as Spin’s SQLite store does', async () => {
    const { kv, bucket } = await open(makeWorld());
    await bucket.set('a', bytes('1'));
    expect(await kv['wasi:keyvalue/batch'].getMany(bucket, ['missing', 'a', 'a'])).toEqual([
      ['a', bytes('1')],
    ]);
  });

  it('increments an 8-byte little-endian counter; a missing key counts as 0', async () => {
    const { kv, bucket } = await open(makeWorld());
    const { increment } = kv['wasi:keyvalue/atomics'];
    expect(await increment(bucket, 'counter', 10n)).toBe(10n);
    expect(await increment(bucket, 'counter', 5n)).toBe(15n);
    expect(await increment(bucket, 'counter', -20n)).toBe(-5n);
    expect(await bucket.get('counter')).toEqual(encodeInt64LE(-5n));
    await bucket.set('preset', encodeInt64LE(41n));
    expect(await increment(bucket, 'preset', 1n)).toBe(42n);
  });

  it('refuses to increment a value that is not 8 bytes, and leaves it', async () => {
    const { kv, bucket } = await open(makeWorld());
    await bucket.set('name', bytes('alice'));
    expect(await rejection(kv['wasi:keyvalue/atomics'].increment(bucket, 'name', 1n))).toEqual({
      tag: 'other',
      val: 'increment: the value of key "name" is 5 bytes, not a counter (atomics.increment stores 8-byte little-endian integers)',
    });
    expect(await bucket.get('name')).toEqual(bytes('alice'));
  });

  it('leaves exactly 100 after 100 concurrent increments from 100 requests', async () => {
    const world = makeWorld();
    const lock = testContext(world).lock;
    const once = async () => {
      const { kv, bucket } = await open(world, { lock });
      return kv['wasi:keyvalue/atomics'].increment(bucket, 'hits', 1n);
    };
    const results = await Promise.all(Array.from({ length: 100 }, once));
    expect(new Set(results).size).toBe(100);
    const { bucket } = await open(world);
    expect(await bucket.get('hits')).toEqual(encodeInt64LE(100n));
  });

  it('swaps when the value is unchanged since the cas read it', async () => {
    const { kv, bucket } = await open(makeWorld());
    const { Cas, swap } = kv['wasi:keyvalue/atomics'];
    await bucket.set('bar', bytes('wow'));
    const cas = await Cas.new(bucket, 'bar');
    expect(cas).toBeInstanceOf(Cas);
    expect(await cas.current()).toEqual(bytes('wow'));
    await swap(cas, bytes('swapped'));
    expect(await bucket.get('bar')).toEqual(bytes('swapped'));
  });

  it('fails with cas-failed when the value changed between new and swap, and the new cas can retry', async () => {
    const world = makeWorld();
    const { kv, bucket } = await open(world);
    const { Cas, swap } = kv['wasi:keyvalue/atomics'];
    await bucket.set('bar', bytes('one'));
    const cas = await Cas.new(bucket, 'bar');
    const other = (await open(world)).bucket; // another request
    await other.set('bar', bytes('two'));

    const error = (await rejection(swap(cas, bytes('mine')))) as { tag: string; val: WasiCas };
    expect(error.tag).toBe('cas-failed');
    expect(error.val).toBeInstanceOf(Cas);
    expect(await bucket.get('bar')).toEqual(bytes('two'));
    expect(await error.val.current()).toEqual(bytes('two'));
    await swap(error.val, bytes('mine'));
    expect(await bucket.get('bar')).toEqual(bytes('mine'));
  });

  it('fails when the value changed after current(), too', async () => {
    const { kv, bucket } = await open(makeWorld());
    const { Cas, swap } = kv['wasi:keyvalue/atomics'];
    const cas = await Cas.new(bucket, 'k');
    await bucket.set('k', bytes('a'));
    expect(await cas.current()).toEqual(bytes('a'));
    await bucket.set('k', bytes('b'));
    expect(await rejection(swap(cas, bytes('c')))).toMatchObject({ tag: 'cas-failed' });
  });

  it('inserts a missing key only while it is still missing', async () => {
    const { kv, bucket } = await open(makeWorld());
    const { Cas, swap } = kv['wasi:keyvalue/atomics'];
    const first = await Cas.new(bucket, 'fresh');
    expect(await first.current()).toBeUndefined();
    await swap(first, bytes('created'));
    expect(await bucket.get('fresh')).toEqual(bytes('created'));

    const late = await Cas.new(bucket, 'other');
    await bucket.set('other', bytes('someone else'));
    expect(await rejection(swap(late, bytes('mine')))).toMatchObject({ tag: 'cas-failed' });
    expect(await bucket.get('other')).toEqual(bytes('someone else'));
  });
});

describe('wasi:keyvalue host rules', () => {
  const memoryWorld: BackendWorld = () => {
    const backend = new MemoryKvBackend();
    return () => backend;
  };

  it('shares the open-store table with fermyon:spin/key-value, and says "store table full"', async () => {
    const imports = createKvImports(testContext(memoryWorld, { tableCapacity: 2 }));
    await imports['fermyon:spin/key-value'].Store.open('default');
    const bucket = await imports['wasi:keyvalue/store'].open('default');
    expect(await rejection(imports['wasi:keyvalue/store'].open('default'))).toEqual({
      tag: 'other',
      val: 'store table full',
    });
    (bucket as unknown as Record<symbol, () => void>)[disposeSymbol]?.();
    await expect(imports['wasi:keyvalue/store'].open('default')).resolves.toBeDefined();
  });

  it('answers no-such-store for a listed label the app does not define', async () => {
    const kv = createWasiKeyValue(
      testContext(memoryWorld, { labels: ['default', 'ghost'], defined: ['default'] }),
    );
    expect(await rejection(kv['wasi:keyvalue/store'].open('ghost'))).toEqual({ tag: 'no-such-store' });
    await expect(kv['wasi:keyvalue/store'].open('default')).resolves.toBeDefined();
  });

  it('limits live cas handles like Spin, and a swap frees its handle', async () => {
    const { kv, bucket } = await open(memoryWorld, { tableCapacity: 1 });
    const { Cas, swap } = kv['wasi:keyvalue/atomics'];
    const cas = await Cas.new(bucket, 'k');
    expect(await rejection(Cas.new(bucket, 'k'))).toEqual({
      tag: 'other',
      val: 'too many compare_and_swaps opened',
    });
    await swap(cas, bytes('v'));
    await expect(Cas.new(bucket, 'k')).resolves.toBeInstanceOf(Cas);
  });

  it('does not touch the store for empty batches', async () => {
    const backend = new MemoryKvBackend();
    const spies = [
      vi.spyOn(backend, 'getMany'),
      vi.spyOn(backend, 'setMany'),
      vi.spyOn(backend, 'deleteMany'),
    ];
    const { kv, bucket } = await open(() => () => backend);
    const batch = kv['wasi:keyvalue/batch'];
    expect(await batch.getMany(bucket, [])).toEqual([]);
    await batch.setMany(bucket, []);
    await batch.deleteMany(bucket, []);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('reports a full quota as other(...) from bucket calls and as store-error from swap', async () => {
    const backend = new MemoryKvBackend();
    const full = () =>
      Promise.reject(toKvStorageError(new DOMException('quota', 'QuotaExceededError'), 'write'));
    backend.set = full;
    backend.update = full;
    const { kv, bucket } = await open(() => () => backend);
    const storageFull = { tag: 'other', val: expect.stringContaining('browser storage is full') };
    expect(await rejection(bucket.set('k', bytes('v')))).toEqual(storageFull);
    expect(await rejection(kv['wasi:keyvalue/atomics'].increment(bucket, 'n', 1n))).toEqual(storageFull);
    const cas = await kv['wasi:keyvalue/atomics'].Cas.new(bucket, 'k');
    expect(await rejection(kv['wasi:keyvalue/atomics'].swap(cas, bytes('v')))).toEqual({
      tag: 'store-error',
      val: storageFull,
    });
  });
});
