/**
 * The failures a guest is told about, as Spin's `error` variant (the same in
 * `fermyon:spin/sqlite@2.0.0` and `spin:sqlite/sqlite@3.x`). Any other exception that reaches
 * the guest layer is a host bug and traps the guest (a 500 for that request).
 */

/** The kinds of guest-visible failure, named as in Spin's WIT. */
export type SqliteFailureKind =
  'no-such-database' | 'access-denied' | 'invalid-connection' | 'database-full' | 'io';

/** A failure to report to the guest as an `err(...)` value. */
export class SqliteFailure extends Error {
  override readonly name = 'SqliteFailure';

  constructor(
    readonly kind: SqliteFailureKind,
    /** For `io`: the text the guest receives. */
    message: string = kind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Spin's `variant error`, as jco represents it. */
export type SpinSqliteError =
  | { readonly tag: 'no-such-database' }
  | { readonly tag: 'access-denied' }
  | { readonly tag: 'invalid-connection' }
  | { readonly tag: 'database-full' }
  | { readonly tag: 'io'; readonly val: string };

/** The variant for `error`; rethrows what is not a guest-visible failure. */
export function toSpinSqliteError(error: unknown): SpinSqliteError {
  if (!(error instanceof SqliteFailure)) throw error;
  return error.kind === 'io' ? { tag: 'io', val: error.message } : { tag: error.kind };
}
