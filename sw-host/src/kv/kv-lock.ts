/**
 * Exclusive locks by name, for the read-modify-write operations (`increment`, CAS `swap`).
 *
 * With the Web Locks API (service workers and pages have it) a lock holds across every tab and
 * worker of the origin, and the browser releases it if its holder dies. Without it, an
 * in-process mutex orders the callers of this realm only.
 *
 * `IdbKvBackend.update` is already atomic on its own (one read-write transaction); the lock
 * keeps the guarantee for backends that cannot do that, and queues contending updates fairly
 * instead of leaving the order to transaction scheduling.
 */

/** Runs callbacks one at a time per name. */
export interface KvLock {
  /** Runs `task` while holding the lock `name`; releases it when `task` settles. */
  run<T>(name: string, task: () => Promise<T>): Promise<T>;
}

/** The part of the Web Locks `LockManager` this module uses. */
export interface LockManagerLike {
  request<T>(name: string, options: { mode: 'exclusive' }, callback: () => Promise<T>): Promise<T>;
}

/** An async mutex per name, within one JavaScript realm. */
export class InProcessKvLock implements KvLock {
  /** The tail of each name's queue; removed when the queue drains so the map stays small. */
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(name: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(name) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.#tails.set(name, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.#tails.get(name) === tail) this.#tails.delete(name);
    }
  }
}

/**
 * Locks through the Web Locks API: exclusive across the whole origin. A realm the browser denies
 * them (a frame on another site: `SecurityError`, though `navigator.locks` is there) gets an
 * in-process mutex from then on; such a frame's storage is its own partition anyway.
 */
export class WebLocksKvLock implements KvLock {
  readonly #locks: LockManagerLike;
  #denied: InProcessKvLock | undefined;

  constructor(locks: LockManagerLike) {
    this.#locks = locks;
  }

  async run<T>(name: string, task: () => Promise<T>): Promise<T> {
    if (this.#denied) return this.#denied.run(name, task);
    let granted = false;
    try {
      return await this.#locks.request(name, { mode: 'exclusive' }, () => {
        granted = true;
        return task();
      });
    } catch (error) {
      if (granted || (error as { name?: unknown }).name !== 'SecurityError') throw error;
      this.#denied ??= new InProcessKvLock();
      return this.#denied.run(name, task);
    }
  }
}

/** The realm's Web Locks `LockManager`, if it has one. */
export function globalLockManager(): LockManagerLike | undefined {
  const navigator = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return typeof navigator?.locks?.request === 'function' ? navigator.locks : undefined;
}

let fallback: InProcessKvLock | undefined;

/**
 * Web Locks when the realm has them; otherwise one in-process mutex shared by every caller in
 * the realm (a lock only excludes callers that use the same instance).
 */
export function defaultKvLock(): KvLock {
  const locks = globalLockManager();
  if (locks !== undefined) return new WebLocksKvLock(locks);
  fallback ??= new InProcessKvLock();
  return fallback;
}
