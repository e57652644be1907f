/** @module Interface wasi:keyvalue/store@0.2.0-draft2 **/
/**
 * Opens the bucket the host provides under `identifier`.
 */
export function open(identifier: string): Bucket;
/**
 * What can go wrong in any key-value operation.
 */
export type Error = ErrorNoSuchStore | ErrorAccessDenied | ErrorOther;
/**
 * No bucket with that identifier exists on the host.
 */
export interface ErrorNoSuchStore {
  tag: 'no-such-store';
}
/**
 * This component may not use that bucket (whether or not it exists).
 */
export interface ErrorAccessDenied {
  tag: 'access-denied';
}
/**
 * Any other failure, described by the host (I/O, quota, ...).
 */
export interface ErrorOther {
  tag: 'other';
  val: string;
}
/**
 * One page of keys from `list-keys`.
 */
export interface KeyResponse {
  /**
   * Keys of this page, in no particular order.
   */
  keys: Array<string>;
  /**
   * Pass this to `list-keys` for the next page; `none` when there are no more keys.
   */
  cursor?: string;
}

export class Bucket {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
   * The value of `key`, or `none` if the key is not set.
   */
  get(key: string): Uint8Array | undefined;
  /**
   * Sets `key` to `value`, creating the key or replacing its value.
   */
  set(key: string, value: Uint8Array): void;
  /**
   * Removes `key`; removing a key that is not set is not an error.
   */
  delete(key: string): void;
  /**
   * Whether `key` is set.
   */
  exists(key: string): boolean;
  /**
   * Keys of the bucket, a page at a time: start with `none`, then pass the returned cursor.
   * May miss writes made concurrently. An empty bucket gives an empty list.
   */
  listKeys(cursor: string | undefined): KeyResponse;
}
