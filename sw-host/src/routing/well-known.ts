/**
 * Spin's reserved paths (crates/trigger-http/src/server.rs): `/.well-known/spin/health` and
 * `/.well-known/spin/info` are answered by the host before any app route is tried, and anything
 * else under `/.well-known/spin/` is a 404, whatever the app's routes say.
 */
/** The reserved prefix. `/.well-known/spin` itself (no trailing slash) is an ordinary path. */
export const WELL_KNOWN_PREFIX = '/.well-known/spin/';

/** How a reserved path is answered; `undefined` when the path is not reserved. */
export function wellKnownRoute(
  path: string,
):
  | { readonly kind: 'health' }
  | { readonly kind: 'info' }
  | { readonly kind: 'not-found'; readonly reserved: true }
  | undefined {
  if (!path.startsWith(WELL_KNOWN_PREFIX)) return undefined;
  switch (path.slice(WELL_KNOWN_PREFIX.length)) {
    case 'health':
      return { kind: 'health' };
    case 'info':
      return { kind: 'info' };
    default:
      return { kind: 'not-found', reserved: true };
  }
}

/** The body of `/.well-known/spin/health`. */
export const HEALTH_BODY = 'OK';

/**
 * The body of `/.well-known/spin/info` (served as `application/json`): Spin's `AppInfo`, pretty
 * printed as serde_json does, with `version` left out when the manifest has none.
 */
export function appInfoBody(application: { readonly name: string; readonly version?: string }): string {
  const info: { name: string; version?: string } = { name: application.name };
  if (application.version !== undefined && application.version !== '') info.version = application.version;
  return JSON.stringify(info, null, 2);
}
