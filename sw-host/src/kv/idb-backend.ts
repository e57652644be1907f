/**
 * A key-value store in IndexedDB, through idb-keyval. Each method is one IndexedDB transaction:
 * atomic, and for writes resolved only after the transaction completes with strict durability
 * (idb-database.ts). IndexedDB runs read-write transactions on the same store one at a time
 * across every connection of the origin, which is what makes `update` atomic across tabs and
 * workers (https://w3c.github.io/IndexedDB/#transaction-scheduling).
 */
import { clear, del, delMany, get, getMany, keys, promisifyRequest } from 'idb-keyval';
import { ownBytes } from './kv-backend.ts';
import type { KvBackend, KvUpdateDecision, KvUpdateResult, KvWriteResult } from './kv-backend.ts';
import { globalIndexedDB, kvDatabaseName, openDurableStore } from './idb-database.ts';
import type { DurableStore } from './idb-database.ts';
import { KvStorageError, toKvStorageError } from './kv-storage-error.ts';

/** Where an `IdbKvBackend` finds IndexedDB. */
export interface IdbKvBackendOptions {
  /** Defaults to the realm's `indexedDB`; tests pass a fresh fake-indexeddb `IDBFactory`. */
  readonly factory?: IDBFactory;
}

/** One app's store with one label, in its own IndexedDB database. */
export class IdbKvBackend implements KvBackend {
  readonly name: string;
  readonly #store: DurableStore;

  constructor(appId: string, label: string, options: IdbKvBackendOptions = {}) {
    this.name = kvDatabaseName(appId, label);
    const factory = options.factory ?? globalIndexedDB();
    if (factory === undefined) {
      throw new KvStorageError(
        'unavailable',
        `IndexedDB is not available here, so ${this.name} cannot open.`,
      );
    }
    this.#store = openDurableStore(factory, this.name);
  }

  get(key: string): Promise<Uint8Array | undefined> {
    return this.#run(`get "${key}"`, () => get<unknown>(key, this.#store.use).then(asBytes));
  }

  set(key: string, value: Uint8Array): Promise<KvWriteResult> {
    return this.#run(`set "${key}"`, () => this.#write((store) => void store.put(ownBytes(value), key)));
  }

  delete(key: string): Promise<void> {
    return this.#run(`delete "${key}"`, () => del(key, this.#store.use));
  }

  exists(key: string): Promise<boolean> {
    // count(key) answers without cloning the value out of the database.
    return this.#run(`exists "${key}"`, () =>
      this.#store.use('readonly', (store) => promisifyRequest(store.count(key)).then((n) => n > 0)),
    );
  }

  keys(): Promise<string[]> {
    return this.#run('list keys', () => keys<string>(this.#store.use));
  }

  count(): Promise<number> {
    return this.#run('count keys', () =>
      this.#store.use('readonly', (store) => promisifyRequest(store.count())),
    );
  }

  getMany(keys: readonly string[]): Promise<Array<Uint8Array | undefined>> {
    return this.#run(`get ${keys.length} keys`, async () => {
      const values = await getMany<unknown>([...keys], this.#store.use);
      return values.map(asBytes);
    });
  }

  setMany(entries: ReadonlyArray<readonly [string, Uint8Array]>): Promise<KvWriteResult> {
    return this.#run(`set ${entries.length} keys`, () =>
      this.#write((store) => {
        for (const [key, value] of entries) store.put(ownBytes(value), key);
      }),
    );
  }

  deleteMany(keys: readonly string[]): Promise<void> {
    return this.#run(`delete ${keys.length} keys`, () => delMany([...keys], this.#store.use));
  }

  clear(): Promise<void> {
    return this.#run('clear', () => clear(this.#store.use));
  }

  update<R>(
    key: string,
    decide: (current: Uint8Array | undefined) => KvUpdateDecision<R>,
  ): Promise<KvUpdateResult<R>> {
    return this.#run(`update "${key}"`, () =>
      this.#store.use('readwrite', (store) => {
        // Read, decide and write inside one transaction: nothing can come in between.
        const outcome = promisifyRequest(store.get(key)).then((current) => {
          const decision = decideOrRethrow(decide, asBytes(current));
          if (!decision.write) return { result: decision.result };
          store.put(ownBytes(decision.value), key);
          return promisifyRequest(store.count()).then((keyCount) => ({ result: decision.result, keyCount }));
        });
        return afterCommit(store.transaction, outcome);
      }),
    );
  }

  /** Closes the database connection (it reopens on next use). */
  close(): void {
    this.#store.close();
  }

  /** Runs `put` in a strict read-write transaction; resolves once it has completed. */
  #write(put: (store: IDBObjectStore) => void): Promise<KvWriteResult> {
    return this.#store.use('readwrite', (store) => {
      put(store);
      // Counted in the same transaction, so the count includes this write and costs no extra trip.
      const keyCount = promisifyRequest(store.count());
      return afterCommit(
        store.transaction,
        keyCount.then((n) => ({ keyCount: n })),
      );
    });
  }

  async #run<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof DecideFailed) throw error.error;
      throw toKvStorageError(error, `${this.name}: ${what}`);
    }
  }
}

/**
 * `outcome` once `tx` has completed, so a write is durable before anyone hears of it. When the
 * transaction fails, its own error is the one that says why (QuotaExceededError, say): the
 * requests of an aborted transaction only report AbortError, and they report it first.
 */
async function afterCommit<T>(tx: IDBTransaction, outcome: Promise<T>): Promise<T> {
  outcome.catch(() => undefined); // Reported below, after the transaction's outcome.
  try {
    await promisifyRequest(tx);
  } catch (txError) {
    const own = await outcome.then(
      () => undefined,
      (error: unknown) => error,
    );
    if (own instanceof DecideFailed) throw own;
    throw txError ?? own;
  }
  return outcome;
}

/** Carries what an `update` callback threw past the storage-error mapping, unchanged. */
class DecideFailed {
  constructor(readonly error: unknown) {}
}

function decideOrRethrow<R>(
  decide: (current: Uint8Array | undefined) => KvUpdateDecision<R>,
  current: Uint8Array | undefined,
): KvUpdateDecision<R> {
  try {
    return decide(current);
  } catch (error) {
    throw new DecideFailed(error);
  }
}

/** A stored value as bytes; anything else means the database holds what Swerve never wrote. */
function asBytes(value: unknown): Uint8Array | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new KvStorageError(
    'corrupt',
    `a stored value is a ${Object.prototype.toString.call(value)}, not bytes; it was not written by Swerve's key-value API`,
  );
}
