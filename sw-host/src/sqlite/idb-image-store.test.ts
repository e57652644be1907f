import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_GENERATION } from './image-store.ts';
import {
  deleteIdbDatabases,
  IdbImageStore,
  IMAGE_CHUNK_BYTES,
  sqliteDatabaseName,
} from './idb-image-store.ts';

function image(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) % 251;
  return bytes;
}

/** Whether two images hold the same bytes (deep equality is slow on arrays this long). */
function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.from(a).equals(Buffer.from(b));
}

/** The chunk keys a database holds. */
async function chunkKeys(app: string): Promise<IDBValidKey[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(sqliteDatabaseName(app, 'default'));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const keys = await new Promise<IDBValidKey[]>((resolve) => {
    const request = db.transaction('image').objectStore('image').getAllKeys();
    request.onsuccess = () => resolve(request.result);
  });
  db.close();
  return keys.filter((key) => typeof key === 'number');
}

describe('IdbImageStore', () => {
  it('stores images in chunks with a new generation each time, and reads them back whole', async () => {
    const store = new IdbImageStore(indexedDB, 'chunks', 'default');
    expect(await store.read()).toEqual({ generation: EMPTY_GENERATION, image: undefined });
    const first = image(IMAGE_CHUNK_BYTES * 3 + 100, 1);
    const one = await store.write(first);
    expect(await store.generation()).toBe(one);
    const stored = await store.read();
    expect(stored.generation).toBe(one);
    expect(same(stored.image, first)).toBe(true);
    expect(await chunkKeys('chunks')).toEqual([0, 1, 2, 3]);

    // A change in one chunk, written against what is stored; then a shrink.
    const second = first.slice();
    second[IMAGE_CHUNK_BYTES + 5] = 255 - second[IMAGE_CHUNK_BYTES + 5]!;
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const two = await store.write(second, { generation: one, image: first });
    // Only the changed chunk is written, with the size and the generation.
    expect(put.mock.calls.map(([, key]) => key)).toEqual([1, 'size', 'generation']);
    put.mockRestore();
    expect(two).not.toBe(one);
    expect(same((await store.read()).image, second)).toBe(true);
    const smaller = second.slice(0, IMAGE_CHUNK_BYTES + 10);
    await store.write(smaller, { generation: two, image: second });
    expect(same((await store.read()).image, smaller)).toBe(true);
    expect(await chunkKeys('chunks')).toEqual([0, 1]);
  });

  it('deletes every database of one app and no other', async () => {
    await new IdbImageStore(indexedDB, 'gone', 'default').write(image(10, 2));
    await new IdbImageStore(indexedDB, 'kept', 'default').write(image(10, 3));
    expect(await deleteIdbDatabases(indexedDB, 'gone')).toEqual([sqliteDatabaseName('gone', 'default')]);
    expect((await new IdbImageStore(indexedDB, 'gone', 'default').read()).image).toBeUndefined();
    expect((await new IdbImageStore(indexedDB, 'kept', 'default').read()).image).toEqual(image(10, 3));
  });
});
