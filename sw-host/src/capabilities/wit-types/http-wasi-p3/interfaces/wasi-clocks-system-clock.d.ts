/** @module Interface wasi:clocks/system-clock@0.3.0 **/
export function now(): Instant;
export function getResolution(): Duration;
export type Duration = import('./wasi-clocks-types.js').Duration;
export interface Instant {
  seconds: bigint;
  nanoseconds: number;
}
