/**
 * The failures a guest is told about. Both guest interfaces share them: Spin's `error` variant
 * has all four kinds; `wasi:keyvalue`'s has no `store-table-full` and says `other` instead, as
 * Spin does (`crates/factor-key-value/src/host.rs`, `to_wasi_err`). Any other exception that
 * reaches the guest layer is a host bug and traps the guest (a 500 for that request).
 */
import { KvStorageError } from './kv-storage-error.ts';

/** The kinds of guest-visible failure, named as in `fermyon:spin/key-value@2.0.0`. */
export type KvFailureKind = 'store-table-full' | 'no-such-store' | 'access-denied' | 'other';

/** A failure to report to the guest as an `err(...)` value. */
export class KvFailure extends Error {
  override readonly name = 'KvFailure';

  constructor(
    readonly kind: KvFailureKind,
    /** For `other`: the text the guest receives. */
    message: string = kind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `fermyon:spin/key-value@2.0.0` `variant error`, as jco represents it. */
export type SpinKvError =
  | { readonly tag: 'store-table-full' }
  | { readonly tag: 'no-such-store' }
  | { readonly tag: 'access-denied' }
  | { readonly tag: 'other'; readonly val: string };

/** `wasi:keyvalue/store@0.2.0-draft2` `variant error`, as jco represents it. */
export type WasiKvError =
  | { readonly tag: 'no-such-store' }
  | { readonly tag: 'access-denied' }
  | { readonly tag: 'other'; readonly val: string };

/**
 * `error` as a guest-visible failure when it is one (a `KvFailure`, or a storage failure the
 * guest should hear about); `undefined` for anything else, which must trap.
 */
export function asKvFailure(error: unknown, label: string): KvFailure | undefined {
  if (error instanceof KvFailure) return error;
  if (error instanceof KvStorageError)
    return new KvFailure('other', storageMessage(error, label), { cause: error });
  return undefined;
}

/** The Spin variant for `error`; rethrows what is not a guest-visible failure. */
export function toSpinKvError(error: unknown, label: string): SpinKvError {
  const failure = asKvFailure(error, label);
  if (failure === undefined) throw error;
  return failure.kind === 'other' ? { tag: 'other', val: failure.message } : { tag: failure.kind };
}

/** The `wasi:keyvalue` variant for `error`; rethrows what is not a guest-visible failure. */
export function toWasiKvError(error: unknown, label: string): WasiKvError {
  const failure = asKvFailure(error, label);
  if (failure === undefined) throw error;
  switch (failure.kind) {
    case 'store-table-full':
      // Spin's exact text: `wasi:keyvalue` has no variant for a full table.
      return { tag: 'other', val: 'store table full' };
    case 'other':
      return { tag: 'other', val: failure.message };
    default:
      return { tag: failure.kind };
  }
}

function storageMessage(error: KvStorageError, label: string): string {
  const store = `key-value store "${label}"`;
  switch (error.failure) {
    case 'quota-exceeded':
      return `${store}: the browser storage is full (quota exceeded), so nothing was written. Delete keys you no longer need, or free space used by this site, then retry.`;
    case 'unavailable':
      return `${store} is unavailable: the browser's IndexedDB could not be opened (${error.message}).`;
    case 'corrupt':
      return `${store} holds data Swerve cannot read: ${error.message}.`;
    case 'io':
      return `${store}: IndexedDB failed: ${error.message}`;
  }
}
