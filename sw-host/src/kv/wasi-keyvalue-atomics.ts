/**
 * `wasi:keyvalue/atomics@0.2.0-draft2` for one component instance, as Spin 3 provides it:
 * `increment`, and compare-and-swap through a `cas` resource. A failed swap returns a new
 * `cas` that has already read the newer value.
 */
import type * as WasiKeyValueAtomics from '../capabilities/wit-types/http-wasi-p2/interfaces/wasi-keyvalue-atomics.js';
import type { HostSide } from '../capabilities/host-side.ts';
import { disposeSymbol } from './resource-dispose.ts';
import { KvCas } from './kv-cas.ts';
import { toWasiKvError } from './kv-failure.ts';
import type { WasiKvError } from './kv-failure.ts';
import { wasiKvCall, type BucketHandles, type WasiBucket } from './wasi-keyvalue-store.ts';

/** `resource cas`. */
export interface WasiCas {
  current(): Promise<Uint8Array | undefined>;
}

/** `variant cas-error`, as jco represents it. */
export type WasiCasError =
  | { readonly tag: 'store-error'; readonly val: WasiKvError }
  | { readonly tag: 'cas-failed'; readonly val: WasiCas };

export function createWasiKeyValueAtomics(handleOf: BucketHandles) {
  const casOps = new WeakMap<object, KvCas>();

  class Cas implements WasiCas {
    readonly #op: KvCas;

    constructor(op: KvCas) {
      this.#op = op;
      casOps.set(this, op);
    }

    /** `[static]cas.new`: jco calls it as `Cas['new'](bucket, key)`. */
    static async new(bucket: WasiBucket, key: string): Promise<Cas> {
      const store = handleOf(bucket);
      return wasiKvCall(store.label, async () => new Cas(await KvCas.begin(store, key)));
    }

    async current(): Promise<Uint8Array | undefined> {
      return wasiKvCall(this.#op.store.label, () => this.#op.current());
    }

    [disposeSymbol](): void {
      this.#op.release();
    }
  }

  return {
    increment: async (bucket: WasiBucket, key: string, delta: bigint): Promise<bigint> => {
      const store = handleOf(bucket);
      return wasiKvCall(store.label, () => store.increment(key, delta));
    },
    Cas,
    swap: async (cas: WasiCas, value: Uint8Array): Promise<void> => {
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
  } satisfies HostSide<typeof WasiKeyValueAtomics>;
}
