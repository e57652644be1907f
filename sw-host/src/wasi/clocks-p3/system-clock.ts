/**
 * `wasi:clocks/system-clock@0.3`: `now` as an instant (`{ seconds: bigint, nanoseconds }` since
 * the Unix epoch) and `get-resolution` in nanoseconds. preview3-shim's browser version fits as
 * it is (it reads `Date.now()`, and the host has nothing to decide about the time of day), so
 * it is used unchanged. `wasi:clocks/types@0.3` holds only a type: nothing to provide.
 */
import type * as SystemClock from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-clocks-system-clock.js';
import type { HostSide } from '../../capabilities/host-side.ts';
import { systemClock as shimSystemClock } from '@bytecodealliance/preview3-shim/clocks';

export const systemClock = shimSystemClock satisfies HostSide<typeof SystemClock>;
