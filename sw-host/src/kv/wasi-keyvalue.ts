/**
 * `wasi:keyvalue@0.2.0-draft2` (store, atomics, batch) for one component instance, as Spin 3
 * provides it (`crates/factor-key-value/src/host.rs`), keyed as jco's glue looks imports up.
 * The WIT is `components/wit/deps/wasi-keyvalue/package.wit`.
 *
 * Where Spin's behaviour is specific, it is matched: `list-keys` with a cursor is
 * `other("list_keys: cursor not supported")`; a full table is `other("store table full")`;
 * `get-many` leaves out keys that have no value (Spin's SQLite store only returns rows it
 * finds); empty batches touch no store; a failed swap returns a new `cas` that has already
 * read the newer value.
 */
import { disposeSymbol } from './resource-dispose.ts';
import { guestCall } from './guest-call.ts';
import { KvCas } from './kv-cas.ts';
import { KvFailure, toWasiKvError } from './kv-failure.ts';
import type { WasiKvError } from './kv-failure.ts';
import { KvSession } from './kv-session.ts';
import type { KvHostContext } from './kv-session.ts';
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

/** `resource cas`. */
export interface WasiCas {
  current(): Promise<Uint8Array | undefined>;
}

/** `variant cas-error`, as jco represents it. */
export type WasiCasError =
  | { readonly tag: 'store-error'; readonly val: WasiKvError }
  | { readonly tag: 'cas-failed'; readonly val: WasiCas };

/** The three interfaces' import objects. */
export interface WasiKeyValueImports {
  readonly 'wasi:keyvalue/store': {
    open(identifier: string): Promise<WasiBucket>;
    readonly Bucket: { readonly prototype: WasiBucket };
  };
  readonly 'wasi:keyvalue/atomics': {
    increment(bucket: WasiBucket, key: string, delta: bigint): Promise<bigint>;
    readonly Cas: { readonly prototype: WasiCas; 'new'(bucket: WasiBucket, key: string): Promise<WasiCas> };
    swap(cas: WasiCas, value: Uint8Array): Promise<void>;
  };
  readonly 'wasi:keyvalue/batch': {
    getMany(bucket: WasiBucket, keys: string[]): Promise<Array<[string, Uint8Array | undefined]>>;
    setMany(bucket: WasiBucket, keyValues: Array<[string, Uint8Array]>): Promise<void>;
    deleteMany(bucket: WasiBucket, keys: string[]): Promise<void>;
  };
}

/**
 * The `wasi:keyvalue` imports of one component instance. Pass the instance's `KvSession` when
 * it also gets `fermyon:spin/key-value`, so both share one table of open stores.
 */
export function createWasiKeyValue(sessionOrContext: KvSession | KvHostContext): WasiKeyValueImports {
  const session = KvSession.from(sessionOrContext);
  // Functions outside the classes reach a resource's host state through these.
  const buckets = new WeakMap<object, KvStoreHandle>();
  const casOps = new WeakMap<object, KvCas>();

  const handleOf = (bucket: WasiBucket): KvStoreHandle => {
    const handle = buckets.get(bucket);
    // jco checks `instanceof Bucket` before calling; this is a host bug if it happens.
    if (handle === undefined) throw new TypeError('[swerve] wasi:keyvalue: not a bucket of this instance');
    return handle;
  };
  const call = <T>(label: string, operation: () => Promise<T>): Promise<T> =>
    guestCall(operation, (error) => toWasiKvError(error, label));

  class Bucket implements WasiBucket {
    readonly #handle: KvStoreHandle;

    /** Only `open` makes buckets. */
    constructor(handle: KvStoreHandle) {
      this.#handle = handle;
      buckets.set(this, handle);
    }

    async get(key: string): Promise<Uint8Array | undefined> {
      return call(this.#handle.label, () => this.#handle.get(key));
    }

    async set(key: string, value: Uint8Array): Promise<void> {
      return call(this.#handle.label, () => this.#handle.set(key, value));
    }

    async delete(key: string): Promise<void> {
      return call(this.#handle.label, () => this.#handle.delete(key));
    }

    async exists(key: string): Promise<boolean> {
      return call(this.#handle.label, () => this.#handle.exists(key));
    }

    async listKeys(cursor: string | undefined): Promise<WasiKeyResponse> {
      return call(this.#handle.label, async () => {
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

  class Cas implements WasiCas {
    readonly #op: KvCas;

    constructor(op: KvCas) {
      this.#op = op;
      casOps.set(this, op);
    }

    /** `[static]cas.new`: jco calls it as `Cas['new'](bucket, key)`. */
    static async new(bucket: WasiBucket, key: string): Promise<Cas> {
      const store = handleOf(bucket);
      return call(store.label, async () => new Cas(await KvCas.begin(store, key)));
    }

    async current(): Promise<Uint8Array | undefined> {
      return call(this.#op.store.label, () => this.#op.current());
    }

    [disposeSymbol](): void {
      this.#op.release();
    }
  }

  return {
    'wasi:keyvalue/store': {
      open: async (identifier) => call(identifier, async () => new Bucket(await session.open(identifier))),
      Bucket,
    },
    'wasi:keyvalue/atomics': {
      increment: async (bucket, key, delta) => {
        const store = handleOf(bucket);
        return call(store.label, () => store.increment(key, delta));
      },
      Cas,
      swap: async (cas, value) => {
        const op = casOps.get(cas);
        if (op === undefined) throw new TypeError('[swerve] wasi:keyvalue: not a cas of this instance');
        let retry: KvCas | undefined;
        try {
          retry = await op.swap(value);
        } catch (error) {
          throw { tag: 'store-error', val: toWasiKvError(error, op.store.label) } satisfies WasiCasError;
        }
        if (retry !== undefined) throw { tag: 'cas-failed', val: new Cas(retry) } satisfies WasiCasError;
      },
    },
    'wasi:keyvalue/batch': {
      getMany: async (bucket, keys) => {
        const store = handleOf(bucket);
        return call(store.label, async () => {
          const entries = await store.getMany([...new Set(keys)]);
          return entries.filter(([, value]) => value !== undefined);
        });
      },
      setMany: async (bucket, keyValues) => {
        const store = handleOf(bucket);
        return call(store.label, () => store.setMany(keyValues));
      },
      deleteMany: async (bucket, keys) => {
        const store = handleOf(bucket);
        return call(store.label, () => store.deleteMany(keys));
      },
    },
  };
}
