/** @module Interface fermyon:spin/key-value@2.0.0 **/
export type Error = ErrorStoreTableFull | ErrorNoSuchStore | ErrorAccessDenied | ErrorOther;
/**
 * Too many stores are open in this instance.
 */
export interface ErrorStoreTableFull {
  tag: 'store-table-full';
}
/**
 * No store with this label is configured.
 */
export interface ErrorNoSuchStore {
  tag: 'no-such-store';
}
/**
 * The component may not open this store.
 */
export interface ErrorAccessDenied {
  tag: 'access-denied';
}
/**
 * Any other failure, with a message.
 */
export interface ErrorOther {
  tag: 'other';
  val: string;
}

export class Store {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
   * Open the store with the given label.
   */
  static open(label: string): Store;
  /**
   * The value of `key`, or none if the key is not set.
   */
  get(key: string): Uint8Array | undefined;
  /**
   * Set `key` to `value`, replacing any value it had.
   */
  set(key: string, value: Uint8Array): void;
  /**
   * Remove `key`; removing a missing key is not an error.
   */
  delete(key: string): void;
  /**
   * Whether `key` is set.
   */
  exists(key: string): boolean;
  /**
   * Every key in the store.
   */
  getKeys(): Array<string>;
}
