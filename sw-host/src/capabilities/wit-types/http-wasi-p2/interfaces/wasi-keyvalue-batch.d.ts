/** @module Interface wasi:keyvalue/batch@0.2.0-draft2 **/
/**
 * The values of `keys`: each key with `none` when it is not set. May be out of date under
 * concurrent writes.
 */
export function getMany(bucket: Bucket, keys: Array<string>): Array<[string, Uint8Array | undefined]>;
/**
 * Sets each key to its value, in no guaranteed order.
 */
export function setMany(bucket: Bucket, keyValues: Array<[string, Uint8Array]>): void;
/**
 * Removes each key; keys that are not set are skipped.
 */
export function deleteMany(bucket: Bucket, keys: Array<string>): void;
export type Bucket = import('./wasi-keyvalue-store.js').Bucket;
export type Error = import('./wasi-keyvalue-store.js').Error;
