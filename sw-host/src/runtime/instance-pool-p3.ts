/**
 * The instances of one WASI 0.3 component version, reused as Spin 4 reuses them: each serves up
 * to `maxRequests` requests in all and `maxConcurrent` at once, and is let go after `idleMs`
 * without a request. When every instance is busy or spent, a new one is made. An instance whose
 * request failed in a way that may have left it half-way (a trap, a deadline) is discarded at
 * once: it gets no further request (docs/decisions/0018-wasi-0-3.md).
 *
 * The pool knows nothing of components: it holds whatever `create` makes, so its rules can be
 * tested on their own.
 */

/** Spin 4's limits for a reused WASI 0.3 instance. */
export const SPIN_P3_REUSE = { maxRequests: 128, maxConcurrent: 16, idleMs: 1000 } as const;

/**
 * A component built for WASI 0.3's release candidate (Spin 4.0's): Spin's main branch serves it
 * as it serves WASI 0.2, with a fresh instance per request (docs/decisions/0018-wasi-0-3.md).
 */
export const SPIN_P3_RC_INSTANCES = { maxRequests: 1, maxConcurrent: 1, idleMs: 0 } as const;

export interface P3PoolLimits {
  /** Requests an instance serves in all before it is retired. */
  readonly maxRequests: number;
  /** Requests an instance serves at once. */
  readonly maxConcurrent: number;
  /** How long an instance with no request in flight is kept. */
  readonly idleMs: number;
}

/** One request's use of an instance. */
export interface P3Lease<T> {
  readonly instance: T;
  /** 1 for the instance's first request, 2 for its second, ... */
  readonly requestNumber: number;
  /** Whether this request made the instance. */
  readonly fresh: boolean;
  /**
   * Ends the request's use of the instance. `discard`: the instance may be in any state (the
   * guest trapped or was stopped at its deadline); it serves nothing more. Calls after the
   * first are ignored.
   */
  release(outcome?: { discard?: boolean }): void;
}

interface Entry<T> {
  readonly instance: Promise<T>;
  started: number;
  active: number;
  retired: boolean;
  idleTimer?: ReturnType<typeof setTimeout>;
}

export class P3InstancePool<T> {
  readonly #entries: Entry<T>[] = [];

  constructor(
    readonly create: () => Promise<T>,
    readonly limits: P3PoolLimits = SPIN_P3_REUSE,
  ) {}

  /** Instances that may still be given requests (busy ones included). */
  get size(): number {
    return this.#entries.length;
  }

  /**
   * An instance for one request: the busiest one with room (so requests share instances, as
   * Spin's do, rather than each waking an idle one), else a new one. Rejects when a new instance
   * cannot be made; the pool is left as it was.
   */
  async acquire(): Promise<P3Lease<T>> {
    const { maxRequests, maxConcurrent } = this.limits;
    let entry = this.#entries
      .filter((candidate) => candidate.active < maxConcurrent && candidate.started < maxRequests)
      .sort((a, b) => b.active - a.active)[0];
    const fresh = entry === undefined;
    if (!entry) {
      entry = { instance: this.create(), started: 0, active: 0, retired: false };
      this.#entries.push(entry);
      entry.instance.catch(() => this.#remove(entry!));
    }
    clearTimeout(entry.idleTimer);
    entry.started += 1;
    entry.active += 1;
    const requestNumber = entry.started;
    // Spent: it finishes what it has and takes nothing more.
    if (entry.started >= maxRequests) this.#retire(entry);
    let instance: T;
    try {
      instance = await entry.instance;
    } catch (error) {
      entry.active -= 1;
      throw error;
    }
    let released = false;
    return {
      instance,
      requestNumber,
      fresh,
      release: ({ discard = false } = {}) => {
        if (released) return;
        released = true;
        entry.active -= 1;
        if (discard) this.#retire(entry);
        else if (entry.active === 0 && !entry.retired) {
          entry.idleTimer = setTimeout(() => this.#retire(entry), this.limits.idleMs);
        }
      },
    };
  }

  #retire(entry: Entry<T>): void {
    entry.retired = true;
    clearTimeout(entry.idleTimer);
    this.#remove(entry);
  }

  #remove(entry: Entry<T>): void {
    const index = this.#entries.indexOf(entry);
    if (index >= 0) this.#entries.splice(index, 1);
  }
}
