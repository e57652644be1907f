/** @module Interface wasi:keyvalue/atomics@0.2.0-draft2 **/
/**
 * Adds `delta` to the integer stored at `key` and returns the result; an unset key counts
 * as 0, so the first increment stores `delta`.
 */
export function increment(bucket: Bucket, key: string, delta: bigint): bigint;
/**
 * Sets the key of `cas` to `value` if it has not changed; consumes the handle either way.
 */
export function swap(cas: Cas, value: Uint8Array): void;
export type Bucket = import('./wasi-keyvalue-store.js').Bucket;
export type Error = import('./wasi-keyvalue-store.js').Error;
/**
 * Why a `swap` did not happen.
 */
export type CasError = CasErrorStoreError | CasErrorCasFailed;
/**
 * The store failed.
 */
export interface CasErrorStoreError {
  tag: 'store-error';
  val: Error;
}
/**
 * The value changed since the handle last read it. The new handle has read the current
 * value, ready for a retry.
 */
export interface CasErrorCasFailed {
  tag: 'cas-failed';
  val: Cas;
}

export class Cas {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
   * Starts a compare-and-swap on `key` in `bucket`.
   */
  static new(bucket: Bucket, key: string): Cas;
  /**
   * The key's current value (`none` if unset); a later `swap` succeeds only if the value
   * is still this one.
   */
  current(): Uint8Array | undefined;
}
