/**
 * Which app serves a URL at this host's origin: the one place that decides it, for both ways a
 * request reaches the host (a fetch event the service worker intercepts, sw/request-routing.ts;
 * a `fetch` over the host protocol, host/fetch-app.ts), so a path means the same app either way.
 *
 * - A URL of another origin is never this host's.
 * - Swerve's own paths (`/_swerve/…`, the worker script) are never an app's: the server answers
 *   them, and an app mounted at `/` must not shadow the host page or the worker.
 * - Otherwise it is the app whose mount holds the path, the longest mount winning, whether it was
 *   published with the site or deployed from a page (the registry holds both alike), and the
 *   path and query as that app sees them.
 * - No app there: under the apps root the host itself answers (404); elsewhere the path is the
 *   site's, or a document's request that only the fetch-event path can attribute to an app.
 */
import type { AppRegistry } from '../apps/app-registry.ts';
import type { DeployedApp } from '../apps/deployed-app.ts';
import { APPS_ROOT, SERVICE_WORKER_PATH, SWERVE_PREFIX } from '../protocol/paths.ts';

export type AppAtUrl =
  | { kind: 'other-origin' }
  /** Swerve's own files: never an app's. */
  | { kind: 'reserved' }
  /** The registry has not loaded the apps yet: load it, then ask again. */
  | { kind: 'loading' }
  | { kind: 'app'; app: DeployedApp; pathInApp: string }
  | { kind: 'no-app'; underAppsRoot: boolean };

/** What of the registry the decision reads. */
export type MountedApps = Pick<AppRegistry, 'loaded' | 'match'>;

export function isReservedPath(pathname: string): boolean {
  return pathname.startsWith(SWERVE_PREFIX) || pathname === SERVICE_WORKER_PATH;
}

export function appAtUrl(apps: MountedApps, origin: string, url: URL): AppAtUrl {
  if (url.origin !== origin) return { kind: 'other-origin' };
  if (isReservedPath(url.pathname)) return { kind: 'reserved' };
  if (!apps.loaded) return { kind: 'loading' };
  const app = apps.match(url.pathname);
  if (app) return { kind: 'app', app, pathInApp: app.pathWithin(url) };
  return { kind: 'no-app', underAppsRoot: url.pathname.startsWith(APPS_ROOT) };
}
