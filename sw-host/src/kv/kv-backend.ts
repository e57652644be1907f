/**
 * Where one key-value store (one app, one label) keeps its entries. The guest-facing hosts
 * (`spin-key-value.ts`, `wasi-keyvalue.ts`) and the page-side API talk to stores only through
 * this interface, so the semantics can be tested against memory and IndexedDB alike.
 *
 * Every method is one atomic step: it either happens completely or not at all, and a write
 * resolves only once it is durable (for IndexedDB: its transaction has completed). Failures of
 * the storage itself are thrown as `KvStorageError` (kv-storage-error.ts).
 */

/** What a write leaves behind, for the hosted-limit warnings. */
export interface KvWriteResult {
  /** The number of keys in the store once the write is done. */
  readonly keyCount: number;
}

/** The decision an `update` callback makes about the value it was shown. */
export type KvUpdateDecision<R> =
  /** Leave the entry as it is. */
  | { readonly write: false; readonly result: R }
  /** Store `value` under the key (creating the key if needed). */
  | { readonly write: true; readonly value: Uint8Array; readonly result: R };

/** The outcome of `update`: the callback's result, and the key count if it wrote. */
export interface KvUpdateResult<R> {
  readonly result: R;
  /** Set when the callback chose to write. */
  readonly keyCount?: number;
}

/** One store's entries: string keys, byte values. */
export interface KvBackend {
  /**
   * Identifies the store across every tab and worker of the origin (two backends over the same
   * data have the same name). Locks are taken on this name.
   */
  readonly name: string;

  /** The value of `key`, or `undefined` when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores `value` under `key`, replacing any previous value. */
  set(key: string, value: Uint8Array): Promise<KvWriteResult>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Whether `key` has a value. */
  exists(key: string): Promise<boolean>;
  /** Every key of the store, in no particular order. */
  keys(): Promise<string[]>;
  /** The number of keys in the store. */
  count(): Promise<number>;

  /** The values of `keys`, in the same order (`undefined` for a missing key); one snapshot. */
  getMany(keys: readonly string[]): Promise<Array<Uint8Array | undefined>>;
  /** Stores every entry, all or none. */
  setMany(entries: ReadonlyArray<readonly [string, Uint8Array]>): Promise<KvWriteResult>;
  /** Removes every key, all or none. */
  deleteMany(keys: readonly string[]): Promise<void>;
  /** Removes every key of the store. */
  clear(): Promise<void>;

  /**
   * Atomic read-modify-write of one key: `decide` sees the current value and says whether to
   * write. No other write to the store (from this or any other tab) can come between the read
   * and the write. `decide` must be synchronous (IndexedDB commits a transaction as soon as it
   * has nothing left to do) and may throw to abort without writing.
   */
  update<R>(
    key: string,
    decide: (current: Uint8Array | undefined) => KvUpdateDecision<R>,
  ): Promise<KvUpdateResult<R>>;
}

/**
 * A copy of `bytes` that owns exactly its bytes. Structured clone (IndexedDB) copies a view's
 * whole underlying buffer, and a caller may keep mutating the array it handed us.
 */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.slice();
}
