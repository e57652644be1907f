/**
 * `fermyon:spin/key-value@2.0.0` for one component instance, shaped as jco's glue calls it:
 * `imports['fermyon:spin/key-value'] = { Store }`, `Store.open(label)` static, methods on the
 * instances it returns, `err(e)` thrown as the variant value. The methods return promises; with
 * JSPI the guest sees blocking calls. WIT: `components/wit/deps/spin/spin.wit`.
 */
import type * as SpinKeyValue from '../capabilities/wit-types/http-wasi-p2/interfaces/fermyon-spin-key-value.js';
import type { HostSide } from '../capabilities/host-side.ts';
import { KvSession } from './kv-session.ts';
import type { KvHostContext } from './kv-session.ts';
import { spinStoreBase } from './spin-store.ts';

/** An open store, as the guest's `store` resource. */
export interface SpinKvStore {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  getKeys(): Promise<string[]>;
}

/** The `store` resource class (jco checks `instanceof` against it). */
export interface SpinKvStoreClass {
  readonly prototype: SpinKvStore;
  /** `open(label) -> result<store, error>`. */
  open(label: string): Promise<SpinKvStore>;
}

/** The import object for `fermyon:spin/key-value`. */
export interface SpinKeyValueImports {
  readonly Store: SpinKvStoreClass;
}

/**
 * The `fermyon:spin/key-value` imports of one component instance. Pass the instance's
 * `KvSession` when it also gets `wasi:keyvalue`, so both share one table of open stores.
 */
export function createSpinKeyValue(sessionOrContext: KvSession | KvHostContext): SpinKeyValueImports {
  const session = KvSession.from(sessionOrContext);

  class Store extends spinStoreBase(session) implements SpinKvStore {
    async getKeys(): Promise<string[]> {
      return this.keys();
    }
  }

  return { Store } satisfies HostSide<typeof SpinKeyValue>;
}
