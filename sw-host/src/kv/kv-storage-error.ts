/**
 * Failures of the storage under a key-value store, as backends report them. The guest layer
 * turns them into `other("...")` (kv-failure.ts); nothing is written when one is thrown.
 */

/** Why the storage failed. */
export type KvStorageFailure =
  /** The browser's storage quota for the origin is used up. */
  | 'quota-exceeded'
  /** IndexedDB is missing or refused to open (private mode, disabled storage, blocked upgrade). */
  | 'unavailable'
  /** Something is stored that this version of Swerve cannot read. */
  | 'corrupt'
  /** Any other failure of a read or write. */
  | 'io';

/** A storage failure, with what was being done and on which store. */
export class KvStorageError extends Error {
  override readonly name = 'KvStorageError';

  constructor(
    readonly failure: KvStorageFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * True for the errors browsers use when the origin's quota is exhausted: `QuotaExceededError`
 * (a DOMException name, and its own interface in newer specs), legacy code 22, and old
 * Firefox's `NS_ERROR_DOM_QUOTA_REACHED`.
 */
export function isQuotaExceeded(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22;
}

/** `error` as a `KvStorageError` about `what` (e.g. `set "k" in swerve-kv-v1:app:default`). */
export function toKvStorageError(error: unknown, what: string): KvStorageError {
  if (error instanceof KvStorageError) return error;
  if (isQuotaExceeded(error)) {
    return new KvStorageError('quota-exceeded', `${what}: the browser's storage quota is used up`, {
      cause: error,
    });
  }
  return new KvStorageError('io', `${what}: ${describe(error)}`, { cause: error });
}

function describe(error: unknown): string {
  // A transaction aborted by `abort()` rejects with `transaction.error`, which is null then.
  if (error === null || error === undefined) return 'the IndexedDB transaction was aborted';
  if (typeof error === 'object' && 'name' in error && 'message' in error) {
    const { name, message } = error as { name: unknown; message: unknown };
    return message ? `${String(name)}: ${String(message)}` : String(name);
  }
  return String(error);
}
