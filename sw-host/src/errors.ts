/** What every host error message starts with, so a reader knows where it came from. */
const PREFIX = '[swerve] ';

/**
 * The one error type the host throws. `code` says what kind of failure it is, for code that
 * reacts to it; `message` is a whole sentence for people: what failed, why, and what to do.
 */
export class SwerveError extends Error {
  override readonly name = 'SwerveError';
  /**
   * The sentence without the `[swerve] ` prefix that `message` carries, for places that say
   * where it comes from already (a log line, the playground's error panel, a wrapping sentence).
   */
  readonly detail: string;

  /** `message` may carry the prefix already (one that crossed a port as text): it is not doubled. */
  constructor(
    readonly code: SwerveErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    const detail = bareMessage(message);
    super(`${PREFIX}${detail}`, options);
    this.detail = detail;
  }
}

/**
 * `text` without the `[swerve] ` prefix: for a host message that arrives as text (a log line from
 * a page, a failure that crossed a port), where there is no `SwerveError` to ask for its `detail`.
 */
export function bareMessage(text: string): string {
  return text.startsWith(PREFIX) ? text.slice(PREFIX.length) : text;
}

/**
 * What to show a person for `error`: a `SwerveError`'s `detail`, another error's message, or
 * anything else as text.
 */
export function messageOf(error: unknown): string {
  if (error instanceof SwerveError) return error.detail;
  return error instanceof Error ? error.message : String(error);
}

export type SwerveErrorCode =
  /** A spin.toml that is not valid TOML or not a valid Spin manifest. */
  | 'manifest-invalid'
  /** Component bytes that are not a component, or that the host cannot run. */
  | 'component-invalid'
  /** No spin.toml where `swerve up` was pointed (a folder without one, a path to no file). */
  | 'manifest-not-found'
  /** A deploy request option the host cannot honour (an app name or mount it cannot use, a request timeout out of range, a bad seed). */
  | 'deploy-invalid'
  /** A deploy at a mount another app of the origin is mounted at (remove that app, or choose another mount). */
  | 'mount-taken'
  /** A tool's configuration it cannot work with (a Vite plugin option, origins static hosting cannot express, a runtime config file). */
  | 'config-invalid'
  /** A string given as an app key that is not one (an app key is one DNS label). */
  | 'app-key-invalid'
  /** Fetching a component's bytes or glue failed. */
  | 'component-unavailable'
  /** The guest trapped or failed while handling a request. */
  | 'guest-failed'
  /** The guest was stopped at its request's deadline (core-wasm/guest-deadline.ts). */
  | 'deadline-exceeded'
  /** A key-value request from a page that cannot be carried out (no such app or store, a bad dump). */
  | 'kv-invalid'
  /** A SQLite request from a page that cannot be carried out (no such app or database, a SQL error). */
  | 'sqlite-invalid'
  /** The host did not start or did not answer (no service worker, a reply that never came). */
  | 'host-unavailable'
  /** The page and the host come from different builds and speak different protocol versions. */
  | 'protocol-mismatch'
  /** A page or an origin asked for something it may not have (another origin's apps, a frame not allowed). */
  | 'not-allowed'
  /** A request to change an app the host keeps as it is (removing an app that is part of the site). */
  | 'app-protected'
  /** `swerve up` could not listen where it was asked (the port is in use, an address of no interface here). */
  | 'address-unavailable'
  /** A site app's component that was never built, so the site cannot be built with it (vite-plugin/). */
  | 'component-unbuilt'
  /** Something over one of the host's named limits (a buffered body: protocol/body-limit.ts). */
  | 'too-large';
