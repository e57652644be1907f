/**
 * `wasi:keyvalue/store@0.2.0-draft2` for one component instance, as Spin 3 provides it
 * (`crates/factor-key-value/src/host.rs`): `open` a bucket by label, and the bucket's
 * operations. `list-keys` with a cursor is Spin's `other("list_keys: cursor not supported")`; a
 * full table is `other("store table full")`. The WIT is
 * `components/wit/deps/wasi-keyvalue/package.wit`.
 */
import type * as WasiKeyValueStore from '../capabilities/wit-types/http-wasi-p2/interfaces/wasi-keyvalue-store.js';
import type { HostSide } from '../capabilities/host-side.ts';
import { disposeSymbol } from './resource-dispose.ts';
import { guestCall } from './guest-call.ts';
import { KvFailure, toWasiKvError } from './kv-failure.ts';
import type { KvSession } from './kv-session.ts';
import type { KvStoreHandle } from './kv-store-handle.ts';

/** `record key-response`. */
export interface WasiKeyResponse {
  keys: string[];
  cursor: string | undefined;
}

/** `resource bucket`. */
export interface WasiBucket {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  listKeys(cursor: string | undefined): Promise<WasiKeyResponse>;
}

/** How atomics and batch reach the store behind a bucket of this instance. */
export type BucketHandles = (bucket: WasiBucket) => KvStoreHandle;

/** Runs a store operation for the guest, its failures as `wasi:keyvalue` errors of `label`. */
export const wasiKvCall = <T>(label: string, operation: () => Promise<T>): Promise<T> =>
  guestCall(operation, (error) => toWasiKvError(error, label));

/** The interface, and how its buckets' stores are reached. */
export function createWasiKeyValueStore(session: KvSession) {
  const buckets = new WeakMap<object, KvStoreHandle>();
  const handleOf: BucketHandles = (bucket) => {
    const handle = buckets.get(bucket);
    // jco checks `instanceof Bucket` before calling; this is a host bug if it happens.
    if (handle === undefined) throw new TypeError('[swerve] wasi:keyvalue: not a bucket of this instance');
    return handle;
  };

  class Bucket implements WasiBucket {
    readonly #handle: KvStoreHandle;

    /** Only `open` makes buckets. */
    constructor(handle: KvStoreHandle) {
      this.#handle = handle;
      buckets.set(this, handle);
    }

    async get(key: string): Promise<Uint8Array | undefined> {
      return wasiKvCall(this.#handle.label, () => this.#handle.get(key));
    }

    async set(key: string, value: Uint8Array): Promise<void> {
      return wasiKvCall(this.#handle.label, () => this.#handle.set(key, value));
    }

    async delete(key: string): Promise<void> {
      return wasiKvCall(this.#handle.label, () => this.#handle.delete(key));
    }

    async exists(key: string): Promise<boolean> {
      return wasiKvCall(this.#handle.label, () => this.#handle.exists(key));
    }

    async listKeys(cursor: string | undefined): Promise<WasiKeyResponse> {
      return wasiKvCall(this.#handle.label, async () => {
        // Spin's text; it checks the cursor before touching the store.
        if (cursor !== undefined && cursor !== null)
          throw new KvFailure('other', 'list_keys: cursor not supported');
        return { keys: await this.#handle.keys(), cursor: undefined };
      });
    }

    [disposeSymbol](): void {
      this.#handle.close();
    }
  }

  const store = {
    open: async (identifier: string): Promise<WasiBucket> =>
      wasiKvCall(identifier, async () => new Bucket(await session.open(identifier))),
    Bucket,
  } satisfies HostSide<typeof WasiKeyValueStore>;
  return { store, handleOf };
}
