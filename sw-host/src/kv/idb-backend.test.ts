import { IDBDatabase, IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdbKvBackend } from './idb-backend.ts';
import { KV_ENTRIES_STORE, kvDatabaseName } from './idb-database.ts';
import { describeKvBackendContract } from './kv-backend-contract.test-helper.ts';
import { KvStorageError } from './kv-storage-error.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

afterEach(() => {
  vi.restoreAllMocks();
});

describeKvBackendContract(
  'IdbKvBackend',
  () => new IdbKvBackend('app', 'default', { factory: new IDBFactory() }),
);

describe('kvDatabaseName', () => {
  it('names a database by schema version, app and label, escaping the parts', () => {
    expect(kvDatabaseName('hello', 'default')).toBe('swerve-kv-v1:hello:default');
    expect(kvDatabaseName('my:app', 'a b/c')).toBe('swerve-kv-v1:my%3Aapp:a%20b%2Fc');
  });

  it('keeps (app, label) pairs apart even when the parts contain the separator', () => {
    expect(kvDatabaseName('a:b', 'c')).not.toBe(kvDatabaseName('a', 'b:c'));
  });

  it('rejects an empty app id or label', () => {
    expect(() => kvDatabaseName('', 'default')).toThrow(KvStorageError);
    expect(() => kvDatabaseName('app', '')).toThrow(KvStorageError);
  });
});

describe('IdbKvBackend', () => {
  it('creates schema v1: one database with an entries store', async () => {
    const factory = new IDBFactory();
    await new IdbKvBackend('app', 'default', { factory }).set('k', bytes('v'));
    expect(await factory.databases()).toEqual([{ name: 'swerve-kv-v1:app:default', version: 1 }]);
    const raw = await openRaw(factory, 'swerve-kv-v1:app:default');
    expect([...raw.objectStoreNames]).toEqual([KV_ENTRIES_STORE]);
    raw.close();
  });

  it('keeps values across connections (a reload, a restarted service worker)', async () => {
    const factory = new IDBFactory();
    const before = new IdbKvBackend('app', 'default', { factory });
    await before.set('k', bytes('kept'));
    before.close();
    const after = new IdbKvBackend('app', 'default', { factory });
    expect(await after.get('k')).toEqual(bytes('kept'));
  });

  it('gives each app its own database for the same label', async () => {
    const factory = new IDBFactory();
    const a = new IdbKvBackend('app-a', 'default', { factory });
    const b = new IdbKvBackend('app-b', 'default', { factory });
    await a.set('k', bytes('a'));
    expect(await b.get('k')).toBeUndefined();
    expect(await b.keys()).toEqual([]);
  });

  it('writes with strict durability and resolves only after the transaction completes', async () => {
    const factory = new IDBFactory();
    const backend = new IdbKvBackend('app', 'default', { factory });
    await backend.count(); // Opened (and upgraded) before watching transactions.
    const transactions: IDBTransaction[] = [];
    const original = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) {
      const tx = original.apply(this, args);
      tx.addEventListener('complete', () => (completed = true));
      transactions.push(tx);
      return tx;
    });
    let completed = false;
    await backend.set('k', bytes('v'));
    expect(completed).toBe(true);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.mode).toBe('readwrite');
    expect(transactions[0]?.durability).toBe('strict');
  });

  it('reports a full quota as a quota-exceeded storage error and leaves the old value', async () => {
    const factory = new IDBFactory();
    const backend = new IdbKvBackend('app', 'default', { factory });
    await backend.set('k', bytes('old'));
    // As browsers do: the write is queued, then the transaction aborts with QuotaExceededError.
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      const request = put.apply(this, args);
      const tx = this.transaction as unknown as { _abort(name: string): void };
      // fake-indexeddb's internal abort-with-error: the step a commit that hits the quota takes.
      request.addEventListener('success', () => tx._abort('QuotaExceededError'));
      return request;
    });
    const failure = await backend.set('k', bytes('new')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KvStorageError);
    expect(failure).toMatchObject({ failure: 'quota-exceeded' });
    vi.restoreAllMocks();
    expect(await backend.get('k')).toEqual(bytes('old'));
  });

  it('writes none of a batch when one of its puts fails', async () => {
    const factory = new IDBFactory();
    const backend = new IdbKvBackend('app', 'default', { factory });
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (++calls === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(
      backend.setMany([
        ['a', bytes('1')],
        ['b', bytes('2')],
      ]),
    ).rejects.toMatchObject({ failure: 'quota-exceeded' });
    vi.restoreAllMocks();
    expect(await backend.keys()).toEqual([]);
  });

  it('refuses to read a value that is not bytes', async () => {
    const factory = new IDBFactory();
    const backend = new IdbKvBackend('app', 'default', { factory });
    await backend.set('k', bytes('v'));
    const raw = await openRaw(factory, backend.name);
    await done(raw.transaction(KV_ENTRIES_STORE, 'readwrite').objectStore(KV_ENTRIES_STORE).put('text', 'k'));
    raw.close();
    await expect(backend.get('k')).rejects.toMatchObject({ failure: 'corrupt' });
  });

  it('is unavailable when the database has a newer schema than this code knows', async () => {
    const factory = new IDBFactory();
    const name = kvDatabaseName('app', 'default');
    (await openRaw(factory, name, 2)).close();
    await expect(new IdbKvBackend('app', 'default', { factory }).get('k')).rejects.toMatchObject({
      failure: 'unavailable',
    });
  });

  it('is unavailable where there is no IndexedDB', () => {
    expect(() => new IdbKvBackend('app', 'default')).toThrow(/IndexedDB is not available/);
  });

  it('keeps read-modify-write atomic across two connections (two tabs)', async () => {
    const factory = new IDBFactory();
    const tabs = [
      new IdbKvBackend('app', 'default', { factory }),
      new IdbKvBackend('app', 'default', { factory }),
    ];
    const addOne = (i: number) =>
      tabs[i % 2]!.update('n', (current) => ({
        write: true,
        value: Uint8Array.of((current?.[0] ?? 0) + 1),
        result: undefined,
      }));
    await Promise.all(Array.from({ length: 100 }, (_, i) => addOne(i)));
    expect(await tabs[0]!.get('n')).toEqual(Uint8Array.of(100));
  });
});

function openRaw(factory: IDBFactory, name: string, version?: number): Promise<IDBDatabase> {
  const request = factory.open(name, version);
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(KV_ENTRIES_STORE)) {
      request.result.createObjectStore(KV_ENTRIES_STORE);
    }
  };
  return done(request);
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
