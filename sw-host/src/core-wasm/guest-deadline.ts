/**
 * The deadline of one component instance: the host side of the instrumentation in
 * core-wasm/deadline/ (docs/decisions/0008-deadlines-by-instrumenting-core-modules.md).
 *
 * A guest running Wasm is stopped by its own code: every few thousand loop iterations or calls
 * it asks `check()`, which answers 1 once the deadline has passed, and the guest traps. A guest
 * suspended on a host promise (JSPI: a key-value call, a stream) runs no code to ask with, so
 * `run` also races a timer, and the request is answered at the deadline either way. Once
 * expired, the deadline stays expired: a guest resumed later traps at its next check, and
 * `guard` refuses the host operations it might still start.
 */
import { SwerveError } from '../errors.ts';
import { attachDeadlineHook, deadlineHook } from './deadline-hook.ts';

/** The deadline of a request when its deploy sets none: 10 s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** `1 s`, `1.5 s`, `250 ms`: a timeout as people write it. */
export function formatTimeout(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(3))} s` : `${ms} ms`;
}

export class GuestDeadline {
  #at = Infinity;
  #started = 0;
  #expired = false;
  #hook: WebAssembly.ExportValue | undefined;

  constructor(readonly timeoutMs: number) {}

  /** Whether the deadline has passed while it was armed; it stays so. */
  get expired(): boolean {
    return this.#expired;
  }

  /** What instrumented code calls: 1 once the deadline has passed, else 0. */
  readonly check = (): number => {
    if (this.#expired) return 1;
    if (performance.now() < this.#at) return 0;
    this.#expired = true;
    return 1;
  };

  /**
   * Connects an instance of an instrumented core module to this deadline. Call it right after
   * instantiation, before any export runs. A module without the table is not instrumented:
   * loading refuses those (component/loaded-component.ts), so this throws.
   */
  attach(instance: WebAssembly.Instance): void {
    attachDeadlineHook(instance, (this.#hook ??= deadlineHook(this.check)));
  }

  /**
   * Runs `work` (guest code) with the deadline armed from now. Rejects with a
   * `deadline-exceeded` SwerveError at the deadline, whether the guest traps at its check or is
   * still suspended; any other failure is passed on, unless the deadline passed meanwhile.
   */
  async run<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.#expired) throw this.#error();
    this.#started = performance.now();
    this.#at = this.#started + this.timeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.#expired = true;
        reject(this.#error());
      }, this.timeoutMs);
    });
    const guest = (async () => work())();
    // Once the deadline has answered, whatever the guest does later is nobody's business.
    guest.catch(() => undefined);
    try {
      return await Promise.race([guest, expiry]);
    } catch (error) {
      if (this.#expired || performance.now() >= this.#at) {
        this.#expired = true;
        throw error instanceof SwerveError && error.code === 'deadline-exceeded' ? error : this.#error(error);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      this.#at = Infinity;
    }
  }

  /**
   * `target` with every method refusing to start once the deadline has passed: a guest resumed
   * after its request was answered makes no more changes (key-value writes already made stay,
   * each being one transaction).
   */
  guard<T extends object>(target: T): T {
    return new Proxy(target, {
      get: (object, property) => {
        const value = Reflect.get(object, property, object) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (this.#expired) throw this.#error();
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  }

  #error(cause?: unknown): SwerveError {
    const elapsed = this.#started
      ? ` (stopped after ${formatTimeout(Math.round(performance.now() - this.#started))})`
      : '';
    return new SwerveError(
      'deadline-exceeded',
      `its deadline of ${formatTimeout(this.timeoutMs)} passed${elapsed}`,
      {
        cause,
      },
    );
  }
}
