/**
 * One open store of one component instance: the operations both guest interfaces share, with
 * Spin's semantics on top of a `KvBackend`. Guest-visible failures are thrown as `KvFailure`
 * or `KvStorageError` (kv-failure.ts maps both).
 */
import type { KvBackend } from './kv-backend.ts';
import { KvFailure } from './kv-failure.ts';
import { hostedLimitWarnings } from './hosted-limits.ts';
import { INT64_BYTES, addInt64, decodeInt64LE, encodeInt64LE } from './int64-le.ts';
import type { KvSession } from './kv-session.ts';

/**
 * Spin's `MAX_HOST_BUFFERED_BYTES` (128 MiB): reads that would return more fail with
 * `other("query result exceeds limit of 134217728 bytes")`.
 */
export const MAX_RESULT_BYTES = 128 * 1024 * 1024;

/** The outcome of a compare-and-swap. */
export type CasOutcome =
  | { readonly swapped: true }
  /** The value was no longer the expected one; `current` is what it is now. */
  | { readonly swapped: false; readonly current: Uint8Array | undefined };

/** An open store; `close` frees its slot in the session's table. */
export class KvStoreHandle {
  #open = true;

  constructor(
    readonly label: string,
    readonly backend: KvBackend,
    readonly session: KvSession,
  ) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    const value = await this.backend.get(key);
    checkResultBytes(value?.byteLength ?? 0);
    return value;
  }

  async set(key: string, value: Uint8Array): Promise<void> {
    const { keyCount } = await this.backend.set(key, value);
    this.session.warn(this.label, hostedLimitWarnings(this.label, key, value.byteLength, keyCount));
  }

  delete(key: string): Promise<void> {
    return this.backend.delete(key);
  }

  exists(key: string): Promise<boolean> {
    return this.backend.exists(key);
  }

  async keys(): Promise<string[]> {
    const keys = await this.backend.keys();
    // Approximate (UTF-16 units, no per-item overhead): only a runaway store gets near 128 MiB.
    checkResultBytes(keys.reduce((total, key) => total + key.length, 0));
    return keys;
  }

  /** Each requested key with its value (`undefined` when missing), in request order. */
  async getMany(keys: readonly string[]): Promise<Array<[string, Uint8Array | undefined]>> {
    if (keys.length === 0) return [];
    const values = await this.backend.getMany(keys);
    checkResultBytes(values.reduce((total, value) => total + (value?.byteLength ?? 0), 0));
    return keys.map((key, i) => [key, values[i]]);
  }

  async setMany(entries: ReadonlyArray<readonly [string, Uint8Array]>): Promise<void> {
    if (entries.length === 0) return;
    const { keyCount } = await this.backend.setMany(entries);
    for (const [key, value] of entries) {
      this.session.warn(this.label, hostedLimitWarnings(this.label, key, value.byteLength, keyCount));
    }
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.backend.deleteMany(keys);
  }

  /**
   * Adds `delta` to the 8-byte little-endian counter at `key` (a missing key counts as 0) and
   * returns the new value, atomically. A value that is not 8 bytes is `other(...)`; Spin's
   * SQLite store panics there instead, which traps the guest.
   */
  async increment(key: string, delta: bigint): Promise<bigint> {
    const { result, keyCount } = await this.#exclusive(() =>
      this.backend.update(key, (current) => {
        const before = current === undefined ? 0n : decodeInt64LE(current);
        if (before === undefined) throw notACounter(key, current);
        const after = addInt64(before, delta);
        return { write: true, value: encodeInt64LE(after), result: after };
      }),
    );
    this.session.warn(this.label, hostedLimitWarnings(this.label, key, INT64_BYTES, keyCount));
    return result;
  }

  /** The value a CAS handle compares against (checked against the result limit). */
  casRead(key: string): Promise<Uint8Array | undefined> {
    return this.get(key);
  }

  /**
   * Writes `value` at `key` only if the stored value is still `expected` (`undefined`: only if
   * the key is still missing), atomically.
   */
  async compareAndSwap(
    key: string,
    expected: Uint8Array | undefined,
    value: Uint8Array,
  ): Promise<CasOutcome> {
    const { result, keyCount } = await this.#exclusive(() =>
      this.backend.update<CasOutcome>(key, (current) =>
        sameBytes(current, expected)
          ? { write: true, value, result: { swapped: true } }
          : { write: false, result: { swapped: false, current } },
      ),
    );
    if (result.swapped) {
      this.session.warn(this.label, hostedLimitWarnings(this.label, key, value.byteLength, keyCount));
    }
    return result;
  }

  /** Frees this store's slot; later calls do nothing. */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.session.stores.release();
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.session.lock.run(this.backend.name, task);
  }
}

function notACounter(key: string, value: Uint8Array | undefined): KvFailure {
  return new KvFailure(
    'other',
    `increment: the value of key "${key}" is ${value?.byteLength ?? 0} bytes, not a counter (atomics.increment stores ${INT64_BYTES}-byte little-endian integers)`,
  );
}

function checkResultBytes(bytes: number): void {
  if (bytes > MAX_RESULT_BYTES) {
    throw new KvFailure('other', `query result exceeds limit of ${MAX_RESULT_BYTES} bytes`);
  }
}

/** Byte-for-byte equality, with `undefined` (no value) equal only to itself. */
export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
