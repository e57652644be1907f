/**
 * A compare-and-swap on one key (`wasi:keyvalue/atomics` `cas`), host side.
 *
 * The value to compare against is read when the handle is made and again on each `current()`.
 * Spin's SQLite store reads it only in `current()`, and a `swap` without one overwrites
 * unconditionally; reading at `new` as well means a swap never silently overwrites a value the
 * guest has not seen. With no value, `swap` inserts only if the key is still missing, as
 * Spin's `Cas` contract says (`crates/factor-key-value/src/lib.rs`).
 */
import { KvFailure } from './kv-failure.ts';
import type { KvStoreHandle } from './kv-store-handle.ts';

/** One CAS handle; holds a slot in its session's CAS table until swapped or dropped. */
export class KvCas {
  #expected: Uint8Array | undefined;
  #live = true;

  private constructor(
    readonly store: KvStoreHandle,
    readonly key: string,
    expected: Uint8Array | undefined,
  ) {
    this.#expected = expected;
  }

  /** A handle on `key` with its current value; `other(...)` when the CAS table is full. */
  static async begin(store: KvStoreHandle, key: string): Promise<KvCas> {
    const expected = await store.casRead(key);
    return KvCas.#take(store, key, expected);
  }

  static #take(store: KvStoreHandle, key: string, expected: Uint8Array | undefined): KvCas {
    // Spin's text for its CAS table being full.
    if (!store.session.casHandles.acquire())
      throw new KvFailure('other', 'too many compare_and_swaps opened');
    return new KvCas(store, key, expected);
  }

  /** The key's value now; later swaps compare against it. */
  async current(): Promise<Uint8Array | undefined> {
    this.#expected = await this.store.casRead(this.key);
    return this.#expected;
  }

  /**
   * Writes `value` if the key still holds the value last seen. Consumes this handle either
   * way. Returns `undefined` on success, or a fresh handle that has seen the newer value (for
   * `cas-failed`), as Spin does.
   */
  async swap(value: Uint8Array): Promise<KvCas | undefined> {
    this.release();
    const outcome = await this.store.compareAndSwap(this.key, this.#expected, value);
    if (outcome.swapped) return undefined;
    return KvCas.#take(this.store, this.key, outcome.current);
  }

  /** Frees the handle's slot; later calls do nothing. */
  release(): void {
    if (!this.#live) return;
    this.#live = false;
    this.store.session.casHandles.release();
  }
}
