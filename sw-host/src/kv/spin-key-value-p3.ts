/**
 * `spin:key-value/key-value@3.0.0`, Spin 4's key-value interface for WASI 0.3 components: the
 * 2.0 interface (spin-key-value.ts) with every function an `async func`, over the same
 * `KvSession` rules (labels, errors, limits) and the same stores, so a WASI 0.2 and a WASI 0.3
 * component of one app see the same data. WIT:
 * `components/fixtures/http-p3-spin/wit/deps/spin-key-value@3.0.0/key-value.wit`.
 *
 * How jco 1.35's glue calls it (`imports['spin:key-value/key-value'] = { Store }`): for an
 * `async func` import it awaits what the host function returns and lowers it when the guest's
 * subtask returns; the guest goes on meanwhile (it called with `[async-lower]`). A plain
 * object thrown is the `err(...)` of a `result`, an Error a trap, as for 2.0. `get-keys`
 * returns no `result` but a stream and a future: the glue takes any (async) iterable as a
 * `stream<string>` and a promise as a `future` (a rejection with a plain object is `err(...)`).
 */
import type * as SpinKeyValueP3 from '../capabilities/wit-types/http-wasi-p3/interfaces/spin-key-value-key-value.js';
import type { HostSide } from '../capabilities/host-side.ts';
import { KvSession } from './kv-session.ts';
import type { KvHostContext } from './kv-session.ts';
import { spinStoreBase } from './spin-store.ts';

/** How `get-keys` ended: `result<_, error>`. */
export type SpinKvKeysOutcome = { readonly tag: 'ok'; readonly val: undefined };

/** An open store, as the guest's 3.0.0 `store` resource. */
export interface SpinKvStoreP3 {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** The keys as a stream, and a future of how the listing ended (rejected with the error). */
  getKeys(): Promise<[AsyncIterable<string>, Promise<SpinKvKeysOutcome>]>;
}

/** The 3.0.0 `store` resource class (jco checks `instanceof` against it). */
export interface SpinKvStoreP3Class {
  readonly prototype: SpinKvStoreP3;
  /** `open: static async func(label) -> result<store, error>`. */
  open(label: string): Promise<SpinKvStoreP3>;
}

/** The import object for `spin:key-value/key-value`. */
export interface SpinKeyValueP3Imports {
  readonly Store: SpinKvStoreP3Class;
}

/**
 * The `spin:key-value/key-value@3.0.0` imports of one component instance. A WASI 0.3 instance
 * serves many requests, so its session (its table of open stores) lives as long as it does,
 * as in Spin 4.
 */
export function createSpinKeyValueP3(sessionOrContext: KvSession | KvHostContext): SpinKeyValueP3Imports {
  const session = KvSession.from(sessionOrContext);

  class Store extends spinStoreBase(session) implements SpinKvStoreP3 {
    /**
     * The keys are listed at once (one IndexedDB read, within the same result limit as 2.0's
     * `get-keys`) and streamed to the guest as it reads; a listing that fails ends the stream
     * empty and rejects the future with the error, as Spin's does.
     */
    async getKeys(): Promise<[AsyncIterable<string>, Promise<SpinKvKeysOutcome>]> {
      const listing = this.keys();
      const keys = listing.catch((): string[] => []);
      const done = listing.then((): SpinKvKeysOutcome => ({ tag: 'ok', val: undefined }));
      // The guest may drop the future unread: its rejection is then nobody's business.
      done.catch(() => undefined);
      return [streamOf(keys), done];
    }
  }

  return { Store } satisfies HostSide<typeof SpinKeyValueP3>;
}

/** The strings `items` resolves to, one at a time. */
async function* streamOf(items: Promise<readonly string[]>): AsyncGenerator<string> {
  yield* await items;
}
