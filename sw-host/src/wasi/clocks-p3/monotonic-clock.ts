/**
 * `wasi:clocks/monotonic-clock@0.3` for a WASI 0.3 guest: `now` and `get-resolution` in
 * nanoseconds from `performance.now()`, and the two `async func`s, `wait-until` and `wait-for`,
 * which jco's glue calls as host functions returning a promise: the guest's subtask returns
 * when it settles, and the guest, having lowered the call with `[async-lower]`, waits for that in
 * a waitable set without blocking.
 *
 * The host decides how long a guest may wait: a wait ends when the instance is stopped (`stop`,
 * its deadline), rejecting, so no timer outlives the instance and a stopped guest is not resumed.
 * preview3-shim's monotonic clock waits through preview2-shim's timers, which cannot be stopped.
 */
import type * as MonotonicClock from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-clocks-monotonic-clock.js';
import type { HostSide } from '../../capabilities/host-side.ts';

/** The longest delay `setTimeout` takes (about 24.8 days); longer waits are made of several. */
const MAX_TIMER_MS = 0x7fff_ffff;

/** Timers in the browser tick in milliseconds at best. */
const RESOLUTION_NS = 1_000_000n;

function now(): bigint {
  return BigInt(Math.floor(performance.now() * 1e6));
}

/** Resolves after `durationNs` nanoseconds, or rejects with `stop`'s reason once it aborts. */
function wait(durationNs: bigint, stop: AbortSignal): Promise<void> {
  if (stop.aborted) return Promise.reject(stop.reason);
  if (durationNs <= 0n) return Promise.resolve();
  // Whole milliseconds, rounded up: a wait never ends early.
  let remainingMs = Number((durationNs + RESOLUTION_NS - 1n) / RESOLUTION_NS);
  return new Promise<void>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopped = () => {
      clearTimeout(timer);
      reject(stop.reason);
    };
    const next = () => {
      if (remainingMs <= 0) {
        stop.removeEventListener('abort', stopped);
        resolve();
        return;
      }
      const delay = Math.min(remainingMs, MAX_TIMER_MS);
      remainingMs -= delay;
      timer = setTimeout(next, delay);
    };
    stop.addEventListener('abort', stopped, { once: true });
    next();
  });
}

/** The interface, keyed as jco's glue asks for its functions. */
export function createMonotonicClock(stop: AbortSignal) {
  return {
    now,
    getResolution: (): bigint => RESOLUTION_NS,
    /** `wait-until(when: mark)`: until `now()` reaches `when`. */
    waitUntil: (when: bigint): Promise<void> => wait(when - now(), stop),
    /** `wait-for(how-long: duration)`. */
    waitFor: (howLong: bigint): Promise<void> => wait(howLong, stop),
  } satisfies HostSide<typeof MonotonicClock>;
}
