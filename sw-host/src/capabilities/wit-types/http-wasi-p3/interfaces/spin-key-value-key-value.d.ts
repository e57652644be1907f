/** @module Interface spin:key-value/key-value@3.0.0 **/
/**
 * What can go wrong.
 */
export type Error = ErrorStoreTableFull | ErrorNoSuchStore | ErrorAccessDenied | ErrorOther;
/**
 * Too many stores are open at once.
 */
export interface ErrorStoreTableFull {
  tag: 'store-table-full';
}
/**
 * The host knows no store by that label.
 */
export interface ErrorNoSuchStore {
  tag: 'no-such-store';
}
/**
 * The component may not use that store (whether or not it exists).
 */
export interface ErrorAccessDenied {
  tag: 'access-denied';
}
/**
 * Anything else (I/O, limits), with a message.
 */
export interface ErrorOther {
  tag: 'other';
  val: string;
}
export type Result<T, E> = { tag: 'ok'; val: T } | { tag: 'err'; val: E };

export class Store {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
   * Opens the store `label`, which the component's `key_value_stores` must list.
   */
  static open(label: string): Promise<Store>;
  /**
   * The value of `key`; `ok(none)` when there is none.
   */
  get(key: string): Promise<Uint8Array | undefined>;
  /**
   * Sets `key` to `value`, replacing what was there.
   */
  set(key: string, value: Uint8Array): Promise<void>;
  /**
   * Deletes `key`; deleting a missing key is no error.
   */
  delete(key: string): Promise<void>;
  /**
   * Whether `key` has a value.
   */
  exists(key: string): Promise<boolean>;
  /**
   * Every key of the store as a stream, and how the listing ended.
   */
  getKeys(): Promise<[AsyncIterable<string>, PromiseLike<Result<void, Error>>]>;
}
