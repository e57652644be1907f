/**
 * Runs guests in the guest workers that host pages attach (docs/decisions/0019), and in this
 * thread when none is attached: the service worker's `GuestExecutor`.
 *
 * Each run goes to the least busy worker of every attached pool (several runs per worker
 * interleave at their awaits), so a guest that loops holds up only the runs sharing its worker.
 * A tab that shows only an app's own document has no page of ours to own workers: then every
 * guest runs in this thread, as before, its deadline still enforced by instrumentation.
 *
 * Pools come and go with their pages. A page that closes takes its workers with it silently, so
 * the pool checks that each owner is still open (every `livenessIntervalMs`) and settles the runs
 * of a lost worker: one that had not started guest code is run again here, once, if its request
 * has no body (a streamed body is gone with the worker); otherwise it is answered 503. A worker
 * stuck past a run's deadline and margin is replaced by its page, and its runs answered 504.
 */
import type { AppDefinition } from '../apps/app-definition.ts';
import { SwerveError } from '../errors.ts';
import type { TranspiledBytes } from '../component/transpile-component.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, formatTimeout } from '../core-wasm/guest-deadline.ts';
import {
  emptyReport,
  type GuestExecutor,
  type GuestOutcome,
  type GuestRun,
} from '../runtime/guest-executor.ts';
import type { GuestPort } from './guest-port.ts';
import { PoolWorker, type PoolRun } from './pool-worker.ts';

/** The page that attached a pool, as the pool needs it. */
export interface PoolOwner {
  /** Whether the page is open still (a closed page's workers are dead). */
  alive(): Promise<boolean>;
  /** Asks the page to terminate worker `index` and start a fresh one (see `GuestPool.replaced`). */
  replace(index: number): void;
}

export interface GuestPoolOptions {
  /** How long past a run's deadline a silent worker is given before it is replaced. */
  backstopMarginMs?: number;
  /** How often owners are checked while pools are attached. */
  livenessIntervalMs?: number;
}

/**
 * Past its deadline, an instrumented guest stops within a few thousand iterations, and the
 * worker's own timer answers for one suspended on the host: a worker silent 2 s later is stuck.
 */
export const BACKSTOP_MARGIN_MS = 2000;
/** Chromium answers `clients.get` in well under a millisecond: checking every second costs nothing. */
export const LIVENESS_INTERVAL_MS = 1000;

export class AttachedPool {
  constructor(
    readonly owner: PoolOwner,
    /** Who attached it (the page's client id): a newer pool from the same page retires this one. */
    readonly key: string,
    readonly workers: PoolWorker[],
  ) {}

  /** Its page attached a newer pool: this one finishes its runs and is then forgotten. */
  retired = false;
}

export class GuestPool implements GuestExecutor {
  readonly #pools = new Set<AttachedPool>();
  readonly #definitionIds = new WeakMap<AppDefinition, string>();
  /** Definition ids are unique to this worker's life, so a guest worker that outlives it never mixes them up. */
  readonly #instance = Math.random().toString(36).slice(2, 10);
  readonly #backstopMarginMs: number;
  readonly #livenessIntervalMs: number;
  #nextId = 1;
  #rotation = 0;
  #watch: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly inThread: GuestExecutor,
    options: GuestPoolOptions = {},
  ) {
    this.#backstopMarginMs = options.backstopMarginMs ?? BACKSTOP_MARGIN_MS;
    this.#livenessIntervalMs = options.livenessIntervalMs ?? LIVENESS_INTERVAL_MS;
  }

  /** Guest workers that take runs now. */
  get workerCount(): number {
    let count = 0;
    for (const pool of this.#pools) count += pool.workers.filter((worker) => !worker.retired).length;
    return count;
  }

  preload(label: string, version: string, transpiled: TranspiledBytes): void {
    // Ready here for when no pool is attached. With one attached, runs go to the guest workers,
    // which load from storage on first use, so a copy here (tens of MB for a JavaScript
    // component) would serve nothing; should the pool go, the first run here loads it.
    if (this.workerCount > 0) return;
    this.inThread.preload(label, version, transpiled);
  }

  /** A page's pool: `ports[i]` is its worker `i`. A pool attached earlier by the same `key` is retired. */
  attach(owner: PoolOwner, ports: GuestPort[], key: string): AttachedPool {
    for (const pool of this.#pools) {
      if (pool.key === key) this.#retire(pool);
    }
    const pool = new AttachedPool(owner, key, []);
    ports.forEach((port, index) => pool.workers.push(this.#worker(pool, index, port)));
    this.#pools.add(pool);
    this.#watch ??= setInterval(() => this.checkOwners(), this.#livenessIntervalMs);
    return pool;
  }

  /** The page replaced worker `index` of `pool` (it was stuck) with the worker behind `port`. */
  replaced(pool: AttachedPool, index: number, port: GuestPort): void {
    if (!this.#pools.has(pool) || index < 0 || index >= pool.workers.length) {
      port.close();
      return;
    }
    pool.workers[index] = this.#worker(pool, index, port);
  }

  /** The page of `pool` is gone (its control port closed, or the liveness check found it closed). */
  detach(pool: AttachedPool): void {
    if (!this.#pools.delete(pool)) return;
    for (const worker of pool.workers) this.#settleLost(worker.lose(), 'closed');
    if (this.#pools.size === 0) {
      clearInterval(this.#watch);
      this.#watch = undefined;
    }
  }

  /** Detaches every pool (the worker is going away; tests). */
  detachAll(): void {
    for (const pool of [...this.#pools]) this.detach(pool);
  }

  /** Detaches the pools whose pages have closed, and forgets retired ones that finished their runs. */
  async checkOwners(): Promise<void> {
    await Promise.all(
      [...this.#pools].map(async (pool) => {
        const alive = await pool.owner.alive().catch(() => false);
        if (!alive) this.detach(pool);
        else if (pool.retired && pool.workers.every((worker) => worker.runs.size === 0)) this.detach(pool);
      }),
    );
  }

  execute(run: GuestRun): Promise<GuestOutcome> {
    // A WASI 0.3 component reuses its instances, as Spin 4 does, in the executor that runs it:
    // all its runs go to one worker, or the reuse (128 requests, 16 at once) would be per worker.
    const pinned = run.component.artifacts.wasiP3 === true;
    const worker = this.#pick(pinned);
    if (!worker) return this.inThread.execute(run);
    const definitionId = this.#definitionId(run.app.definition);
    // The other workers load the component once this run is answered, not while it loads it:
    // two loads at once would slow the first response on a machine of few cores.
    const warm = () => (pinned ? undefined : this.#warmOthers(worker, definitionId, run));
    return new Promise<GuestOutcome>((resolve) => {
      const entry: PoolRun = {
        id: this.#nextId++,
        run,
        phase: 'queued',
        answered: false,
        retried: false,
        settle: (outcome) => {
          resolve(outcome);
          warm();
        },
      };
      worker.start(entry, definitionId);
    });
  }

  #worker(pool: AttachedPool, index: number, port: GuestPort): PoolWorker {
    return new PoolWorker(port, this.#backstopMarginMs, (stuck) => {
      if (pool.workers[index] !== stuck || stuck.retired) return;
      this.#settleLost(stuck.lose(), 'stuck');
      pool.owner.replace(index);
    });
  }

  #retire(pool: AttachedPool): void {
    // Its workers still answer the runs they have on the old ports; they take no new ones.
    pool.retired = true;
    for (const worker of pool.workers) worker.retired = true;
  }

  /**
   * The least busy worker taking runs; among equals, the next in turn, so load spreads from the
   * first. `pinned`: always the first one taking runs.
   */
  #pick(pinned = false): PoolWorker | undefined {
    const candidates: PoolWorker[] = [];
    for (const pool of this.#pools) candidates.push(...pool.workers.filter((worker) => !worker.retired));
    if (candidates.length === 0) return undefined;
    if (pinned) return candidates[0];
    const least = Math.min(...candidates.map((worker) => worker.runs.size));
    const idle = candidates.filter((worker) => worker.runs.size === least);
    return idle[this.#rotation++ % idle.length];
  }

  /** A component run on one worker is loaded by the others too, ahead of their first run of it. */
  #warmOthers(started: PoolWorker, definitionId: string, run: GuestRun): void {
    for (const pool of this.#pools) {
      for (const worker of pool.workers) {
        if (worker === started || worker.retired || worker.knows(definitionId, run.component.id)) continue;
        worker.warm(definitionId, run.app.definition, run.component.id);
      }
    }
  }

  #definitionId(definition: AppDefinition): string {
    let id = this.#definitionIds.get(definition);
    if (!id) this.#definitionIds.set(definition, (id = `${this.#instance}-${this.#nextId++}`));
    return id;
  }

  /** Settles the runs of a worker that is gone (`closed`) or stuck and replaced (`stuck`). */
  #settleLost(lost: PoolRun[], why: 'closed' | 'stuck'): void {
    for (const entry of lost) {
      const { run } = entry;
      const { method, url } = run.request;
      const { pathname, search } = new URL(url);
      const what = `${method} ${pathname}${search}`;
      const started = entry.phase !== 'queued';
      const error =
        why === 'stuck' && started
          ? deadlineError(run, what)
          : new SwerveError(
              'host-unavailable',
              `${run.component.label}: the guest worker running ${what} was lost (the page that owned it closed)` +
                (entry.answered || started
                  ? ' while the guest ran'
                  : ', and the request had a body that went with it') +
                '; send the request again.',
            );
      if (entry.answered) {
        // The response began: cut its body short, and say why in the log (unless it had ended).
        if (!entry.body) continue;
        entry.body.fail(error);
        run.onLateFailure(error);
      } else if (!started && run.request.body === null && !entry.retried) {
        entry.retried = true;
        run.sinks.warn(
          `${run.component.label}: the guest worker for ${what} was lost before it began (${
            why === 'closed' ? 'its page closed' : 'it was stuck on another request'
          }); the request runs in the service worker instead.`,
        );
        void this.inThread.execute(run).then(entry.settle);
      } else {
        entry.settle({ error, report: emptyReport() });
      }
    }
  }
}

/** The error of a run whose worker was replaced for being stuck: the deadline's, as serve-request words it. */
function deadlineError(run: GuestRun, what: string): SwerveError {
  const timeout = run.app.definition.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const route = [...run.request.headers].find(([name]) => name === 'spin-raw-component-route')?.[1];
  return new SwerveError(
    'deadline-exceeded',
    `${run.component.label} was stopped while handling ${what}${route ? ` (route ${route})` : ''}: its deadline ` +
      `of ${formatTimeout(timeout)} passed, and its guest worker, stuck where the deadline checks cannot reach, was replaced.`,
  );
}
