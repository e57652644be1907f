/**
 * The IndexedDB side of a key-value store: one database per (app, label), named with the
 * schema version so that a later Swerve can find and migrate what an earlier one wrote.
 *
 * Schema v1: database `swerve-kv-v1:<app>:<label>` (parts URI-encoded, so `:` only ever
 * separates), IndexedDB version 1, one object store `entries` with out-of-line string keys and
 * `Uint8Array` values.
 *
 * Writes use `durability: 'strict'`: the transaction completes only once the data is flushed to
 * disk, so a value acknowledged to a client survives a browser or OS crash, not just a reload
 * (https://w3c.github.io/IndexedDB/#dom-idbtransactiondurability-strict).
 */
import { promisifyRequest } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import { KvStorageError, isQuotaExceeded, toKvStorageError } from './kv-storage-error.ts';

/** The layout version of the stored data; part of every database name. */
export const KV_SCHEMA_VERSION = 1;
/** The object store that holds a database's entries. */
export const KV_ENTRIES_STORE = 'entries';

/** The database name of an app's store; throws on an empty app id or label. */
export function kvDatabaseName(appId: string, label: string): string {
  if (appId === '' || label === '') {
    throw new KvStorageError(
      'unavailable',
      `A key-value store needs a non-empty app id and label (got app "${appId}", label "${label}").`,
    );
  }
  return `swerve-kv-v${KV_SCHEMA_VERSION}:${encodeURIComponent(appId)}:${encodeURIComponent(label)}`;
}

/** The realm's `indexedDB`, if it has one (service workers and pages do; Node does not). */
export function globalIndexedDB(): IDBFactory | undefined {
  return (globalThis as { indexedDB?: IDBFactory }).indexedDB;
}

/** An idb-keyval `UseStore` over one database, plus a way to let its connection go. */
export interface DurableStore {
  readonly use: UseStore;
  /** Closes the connection; the next use opens a new one. */
  close(): void;
}

/**
 * A `UseStore` whose read-write transactions are strict-durability; opens lazily, and opens again
 * after the browser closed the connection or a transaction could not start, so one failure never
 * sticks. `storeName`: the object store it reads and writes (a key-value store's `entries`).
 */
export function openDurableStore(
  factory: IDBFactory,
  dbName: string,
  storeName: string = KV_ENTRIES_STORE,
): DurableStore {
  let connection: Promise<IDBDatabase> | undefined;

  const connect = (): Promise<IDBDatabase> => {
    connection ??= openDatabase(factory, dbName, storeName).then(
      (db) => {
        // Another tab upgrading the schema must not wait for us: let go, reopen on next use.
        db.onversionchange = () => {
          db.close();
          connection = undefined;
        };
        // The browser closes connections on its own at times (storage cleared, Safari).
        db.onclose = () => (connection = undefined);
        return db;
      },
      (error: unknown) => {
        connection = undefined;
        throw error;
      },
    );
    return connection;
  };

  const transaction = async (mode: IDBTransactionMode): Promise<IDBTransaction> => {
    const options: IDBTransactionOptions | undefined =
      mode === 'readwrite' ? { durability: 'strict' } : undefined;
    const db = await connect();
    try {
      return db.transaction(storeName, mode, options);
    } catch (error) {
      // Let this connection go, whatever went wrong (a store missing from a database someone
      // else made, say), so the next use looks again instead of failing the same way forever.
      connection = undefined;
      db.close();
      // A connection that is closing throws InvalidStateError: reopen once.
      if ((error as { name?: unknown }).name !== 'InvalidStateError') throw error;
      return (await connect()).transaction(storeName, mode, options);
    }
  };

  const use: UseStore = async (mode, callback) => {
    const tx = await transaction(mode);
    try {
      return await callback(tx.objectStore(storeName));
    } catch (error) {
      // A callback that failed after queueing writes must not let them commit.
      abortQuietly(tx);
      throw error;
    }
  };

  return {
    use,
    close() {
      const closing = connection;
      connection = undefined;
      void closing?.then(
        (db) => db.close(),
        () => undefined,
      );
    },
  };
}

function openDatabase(factory: IDBFactory, dbName: string, storeName: string): Promise<IDBDatabase> {
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(dbName, KV_SCHEMA_VERSION);
  } catch (error) {
    return Promise.reject(unavailable(error, dbName));
  }
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(storeName)) db.createObjectStore(storeName);
  };
  return promisifyRequest(request).catch((error: unknown) => {
    throw unavailable(error, dbName);
  });
}

function unavailable(error: unknown, dbName: string): KvStorageError {
  if (isQuotaExceeded(error)) return toKvStorageError(error, `Could not create ${dbName}`);
  const reason = toKvStorageError(error, `Could not open IndexedDB database ${dbName}`).message;
  return new KvStorageError('unavailable', reason, { cause: error });
}

function abortQuietly(tx: IDBTransaction): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted: nothing left to undo.
  }
}
