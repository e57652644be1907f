/**
 * The key-value state of one component instance: which labels it may open, its table of open
 * stores, and the hosted-limit warnings already given. Swerve makes a fresh instance per
 * request, so a session lives as long as one request.
 *
 * Access follows Spin (`crates/factor-key-value/src/host.rs`): a label the component does not
 * list in `key_value_stores` is `access-denied` (whether or not the store exists); a listed
 * label with no store behind it is `no-such-store`; the table of open stores is shared by
 * `fermyon:spin/key-value` stores and `wasi:keyvalue` buckets, and dropping one frees its slot.
 */
import type { KvBackend } from './kv-backend.ts';
import { KvFailure } from './kv-failure.ts';
import { defaultKvLock } from './kv-lock.ts';
import type { KvLock } from './kv-lock.ts';
import { KvStoreHandle } from './kv-store-handle.ts';
import type { HostedLimitWarning } from './hosted-limits.ts';

/**
 * Spin's `DEFAULT_STORE_TABLE_CAPACITY`. (Spin's runtime builds its per-instance table with
 * `u32::MAX` slots, so `spin up` never reports `store-table-full`; issue 4 asks for 256.)
 */
export const DEFAULT_STORE_TABLE_CAPACITY = 256;

/** What the service worker knows about one component instance, for its key-value imports. */
export interface KvHostContext {
  /** The app the instance belongs to (for messages; `backendFor` does the isolation). */
  readonly appId: string;
  /** The component's `key_value_stores` from the manifest. */
  readonly allowedLabels: Iterable<string>;
  /**
   * The app's store for a label, or `undefined` when the app defines no such store. Called on
   * every `open`; cache backends per (app, label) so connections are reused across requests.
   */
  backendFor(label: string): KvBackend | undefined;
  /** Receives warnings (hosted limits) as whole sentences. */
  warn(message: string): void;
  /** Defaults to `defaultKvLock()` (Web Locks when available). */
  readonly lock?: KvLock;
  /** Open stores (and, separately, CAS handles) allowed at once; defaults to 256. */
  readonly tableCapacity?: number;
}

/** A count of live resources with a fixed capacity (Spin's `Table`, without the values). */
export class ResourceSlots {
  #used = 0;

  constructor(readonly capacity: number) {}

  /** Takes a slot; false when all are taken. */
  acquire(): boolean {
    if (this.#used >= this.capacity) return false;
    this.#used++;
    return true;
  }

  release(): void {
    if (this.#used > 0) this.#used--;
  }

  get used(): number {
    return this.#used;
  }
}

/** One component instance's key-value state; give the same session to both guest interfaces. */
export class KvSession {
  readonly appId: string;
  readonly lock: KvLock;
  /** Open stores and buckets. */
  readonly stores: ResourceSlots;
  /** Live CAS handles (Spin keeps them in a table of their own). */
  readonly casHandles: ResourceSlots;
  readonly #allowed: ReadonlySet<string>;
  readonly #context: KvHostContext;
  readonly #warned = new Set<string>();

  constructor(context: KvHostContext) {
    this.#context = context;
    this.appId = context.appId;
    this.#allowed = new Set(context.allowedLabels);
    this.lock = context.lock ?? defaultKvLock();
    const capacity = context.tableCapacity ?? DEFAULT_STORE_TABLE_CAPACITY;
    this.stores = new ResourceSlots(capacity);
    this.casHandles = new ResourceSlots(capacity);
  }

  /** `session` itself, or a new session for a context. */
  static from(sessionOrContext: KvSession | KvHostContext): KvSession {
    return sessionOrContext instanceof KvSession ? sessionOrContext : new KvSession(sessionOrContext);
  }

  /** Opens the store `label`; throws a `KvFailure` as Spin would answer. */
  async open(label: string): Promise<KvStoreHandle> {
    if (!this.#allowed.has(label)) throw new KvFailure('access-denied');
    const backend = this.#context.backendFor(label);
    if (backend === undefined) throw new KvFailure('no-such-store');
    if (!this.stores.acquire()) throw new KvFailure('store-table-full');
    return new KvStoreHandle(label, backend, this);
  }

  /** Passes each warning on, once per store and limit for the life of the session. */
  warn(label: string, warnings: readonly HostedLimitWarning[]): void {
    for (const { limit, message } of warnings) {
      const id = `${label}\u0000${limit}`;
      if (this.#warned.has(id)) continue;
      this.#warned.add(id);
      this.#context.warn(message);
    }
  }
}
