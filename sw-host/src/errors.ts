/**
 * The one error type the host throws. `code` says what kind of failure it is, for code that
 * reacts to it; `message` is a whole sentence for people: what failed, why, and what to do.
 */
export class SwerveError extends Error {
  override readonly name = 'SwerveError';

  constructor(
    readonly code: SwerveErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message.startsWith('[swerve]') ? message : `[swerve] ${message}`, options);
  }
}

export type SwerveErrorCode =
  /** A spin.toml that is not valid TOML or not a valid Spin manifest. */
  | 'manifest-invalid'
  /** Component bytes that are not a component, or that the host cannot run. */
  | 'component-invalid'
  /** A deploy request option the host cannot honour (a request timeout out of range). */
  | 'deploy-invalid'
  /** Fetching a component's bytes or glue failed. */
  | 'component-unavailable'
  /** The guest trapped or failed while handling a request. */
  | 'guest-failed'
  /** The guest was stopped at its request's deadline (core-wasm/guest-deadline.ts). */
  | 'deadline-exceeded'
  /** A key-value request from a page that cannot be carried out (no such app or store, a bad dump). */
  | 'kv-invalid'
  /** The host did not start or did not answer (no service worker, a reply that never came). */
  | 'host-unavailable'
  /** The page and the host come from different builds and speak different protocol versions. */
  | 'protocol-mismatch'
  /** A page or an origin asked for something it may not have (another origin's apps, a frame not allowed). */
  | 'not-allowed'
  /** Something over one of the host's named limits (a buffered body: wasi/http/body-limit.ts). */
  | 'too-large';
