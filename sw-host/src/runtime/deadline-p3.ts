/**
 * The deadlines of the requests one reused WASI 0.3 instance serves at once. As for a fresh
 * instance (guest-deadline.ts), the instrumented guest asks `check()` every few thousand loop
 * iterations or calls and traps on 1, and each request is also raced against a timer, so a
 * guest suspended on the host is answered at its deadline too.
 *
 * What differs is what a deadline stops: every request shares the instance's one core code, and
 * a task stopped mid-way leaves the instance in no known state, so the first request to pass its
 * deadline stops the instance. From then on `check()` answers 1 for good, whatever task runs,
 * and the instance must be discarded (its other requests fail at their next check, as in
 * Spin, whose deadlines stop the whole store).
 */
import { SwerveError } from '../errors.ts';
import { attachDeadlineHook, deadlineHook } from '../core-wasm/deadline-hook.ts';
import { formatTimeout } from '../core-wasm/guest-deadline.ts';

/** A resource class of jco's glue (`Fields`, `OutputStream`): PascalCase, as jco names them. */
const RESOURCE_CLASS = /^[A-Z]/;

export class P3InstanceDeadline {
  /** When each request in flight must be done (performance.now() time). */
  readonly #due = new Set<{ readonly at: number }>();
  #expired = false;
  #hook: WebAssembly.ExportValue | undefined;
  readonly #stop = new AbortController();

  /** Whether a request passed its deadline: the instance is stopped for good. */
  get expired(): boolean {
    return this.#expired;
  }

  /** Aborts once the instance is stopped: what the host's waits on its behalf end with. */
  get signal(): AbortSignal {
    return this.#stop.signal;
  }

  /** What instrumented code calls: 1 once any request in flight is past its deadline, else 0. */
  readonly check = (): number => {
    if (this.#expired) return 1;
    const now = performance.now();
    for (const { at } of this.#due) {
      if (now >= at) {
        this.#expire();
        return 1;
      }
    }
    return 0;
  };

  /**
   * `imports` (one interface's host functions) with every function refusing to start once the
   * instance is stopped: a guest resumed after its deadline (it traps only at its next check)
   * starts no more host operations, outgoing requests among them. Resource classes are passed
   * on as they are (the glue constructs them and checks handles with `instanceof`); their
   * methods run only on resources the guest already holds.
   */
  guard<T extends object>(imports: T): T {
    return new Proxy(imports, {
      get: (target, property) => {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function' || (typeof property === 'string' && RESOURCE_CLASS.test(property)))
          return value;
        return (...args: unknown[]) => {
          if (this.#expired) throw this.#stopped();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  #expire(): void {
    if (this.#expired) return;
    this.#expired = true;
    this.#stop.abort(this.#stopped());
  }

  #stopped(): SwerveError {
    return new SwerveError(
      'deadline-exceeded',
      'a request on its instance passed its deadline, which stops the instance',
    );
  }

  /** Connects a core instance of the component to these deadlines, before any export runs. */
  attach(instance: WebAssembly.Instance): void {
    attachDeadlineHook(instance, (this.#hook ??= deadlineHook(this.check)));
  }

  /**
   * Runs one request's guest work within `timeoutMs` from now. Rejects with a
   * `deadline-exceeded` SwerveError at its deadline (the guest trapped at its check or is still
   * suspended), or when another request's deadline stopped the instance first; any other
   * failure is passed on.
   */
  async run<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const due = { at: started + timeoutMs };
    const error = (cause?: unknown) => {
      const elapsed = performance.now() - started;
      const stopped = `(stopped after ${formatTimeout(Math.round(elapsed))})`;
      return new SwerveError(
        'deadline-exceeded',
        elapsed >= timeoutMs
          ? `its deadline of ${formatTimeout(timeoutMs)} passed ${stopped}`
          : `another request on its instance passed its deadline, which stops the instance ${stopped}`,
        { cause },
      );
    };
    if (this.#expired) throw error();
    this.#due.add(due);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.#expire();
        reject(error());
      }, timeoutMs);
    });
    const guest = work();
    guest.catch(() => undefined);
    try {
      return await Promise.race([guest, expiry]);
    } catch (failure) {
      if (failure instanceof SwerveError && failure.code === 'deadline-exceeded') throw failure;
      if (this.#expired) throw error(failure);
      throw failure;
    } finally {
      clearTimeout(timer);
      this.#due.delete(due);
    }
  }
}
