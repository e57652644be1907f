/** @module Interface wasi:clocks/monotonic-clock@0.3.0 **/
export function now(): Mark;
export function getResolution(): Duration;
export function waitUntil(when: Mark): Promise<void>;
export function waitFor(howLong: Duration): Promise<void>;
export type Duration = import('./wasi-clocks-types.js').Duration;
export type Mark = bigint;
