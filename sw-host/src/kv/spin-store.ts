/**
 * What Spin's `store` resource is in both versions of its key-value interface (2.0.0 for WASI
 * 0.2, 3.0.0 for WASI 0.3): `open(label)` static, `get`, `set`, `delete`, `exists` on the store
 * it returns, the guest's drop freeing its slot, failures thrown as Spin's `error` variant, all
 * over one instance's `KvSession`. Only `get-keys` differs (a list, or a stream and a future),
 * so each version subclasses this with its own `getKeys`; `open` makes the subclass's stores,
 * since jco checks handles with `instanceof` against the class it is given.
 */
import { disposeSymbol } from './resource-dispose.ts';
import { guestCall } from './guest-call.ts';
import { toSpinKvError } from './kv-failure.ts';
import type { KvSession } from './kv-session.ts';
import type { KvStoreHandle } from './kv-store-handle.ts';

export function spinStoreBase(session: KvSession) {
  return class SpinStore {
    readonly #handle: KvStoreHandle;

    /** Only `open` makes stores: the guest has no constructor. */
    constructor(handle: KvStoreHandle) {
      this.#handle = handle;
    }

    static async open<S>(this: new (handle: KvStoreHandle) => S, label: string): Promise<S> {
      return guestCall(
        async () => new this(await session.open(label)),
        (error) => toSpinKvError(error, label),
      );
    }

    async get(key: string): Promise<Uint8Array | undefined> {
      return this.call(() => this.#handle.get(key));
    }

    async set(key: string, value: Uint8Array): Promise<void> {
      return this.call(() => this.#handle.set(key, value));
    }

    async delete(key: string): Promise<void> {
      return this.call(() => this.#handle.delete(key));
    }

    async exists(key: string): Promise<boolean> {
      return this.call(() => this.#handle.exists(key));
    }

    /** The guest dropped its handle: free the table slot. */
    [disposeSymbol](): void {
      this.#handle.close();
    }

    /** Every key of the store, for the version's `get-keys`. */
    protected keys(): Promise<string[]> {
      return this.call(() => this.#handle.keys());
    }

    /** `operation`, its failure thrown as Spin's `error` variant. */
    protected call<T>(operation: () => Promise<T>): Promise<T> {
      return guestCall(operation, (error) => toSpinKvError(error, this.#handle.label));
    }
  };
}
