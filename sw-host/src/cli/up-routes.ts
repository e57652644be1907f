/**
 * What the `swerve up` server answers for each request. The app is mounted at `/`, so every
 * path outside the host's reserved ones (`/_swerve/…`, `/sw.js`) belongs to the app: the server
 * never answers those itself (the service worker does), it only bootstraps browsers that reach
 * it and tells other clients where the app runs. Pure, so it is tested without a server.
 */
import { CATALOG_PATH, SERVICE_WORKER_PATH, SWERVE_PREFIX } from '../protocol/paths.ts';
import { isNavigation } from '../vite-plugin/bootstrap-page.ts';
import { PREPARED_PATH } from './prepared-components.ts';
import { relativeFromUrlPath } from './safe-path.ts';
import { RELAY_PATH } from '../protocol/relay.ts';
import {
  APP_FILES_PREFIX,
  APP_LISTING_PATH,
  REDEPLOY_PATH,
  UP_CHANGES_PATH,
  UP_EVENTS_PATH,
  UP_VERSION_PATH,
} from './up-protocol.ts';

export type UpRoute =
  /** A file of the host build (the worker script, the page script, their assets), by URL path. */
  | { kind: 'host-file'; path: string }
  /** A component transpiled by the server (cli/prepared-components.ts), by URL path. */
  | { kind: 'prepared'; path: string }
  /** The site catalog the worker reads at start: empty, the app is deployed from the page. */
  | { kind: 'catalog' }
  | { kind: 'listing' }
  /** The outbound relay (cli/up-relay.ts): its own checks decide the rest. */
  | { kind: 'relay' }
  /** A file of the app folder, by folder-relative path (the server checks its allowlist). */
  | { kind: 'app-file'; path: string }
  /** A batch of host events from the browser, to print (POST). */
  | { kind: 'events' }
  /** `swerve watch`: the folder's version now, and the stream of new ones. */
  | { kind: 'version' }
  | { kind: 'changes' }
  /** The page that installs the host and deploys the app. */
  | { kind: 'bootstrap' }
  /** A client that cannot run the app (no service worker): a 503 saying where it runs. */
  | { kind: 'not-a-browser' }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed' };

export type RequestHeaders = Record<string, string | string[] | undefined>;

/**
 * Routes one request. `hostFiles` holds the URL paths of the host build.
 */
export function routeRequest(
  method: string,
  pathname: string,
  headers: RequestHeaders,
  hostFiles: { has(path: string): boolean },
): UpRoute {
  const reserved = pathname.startsWith(SWERVE_PREFIX) || pathname === SERVICE_WORKER_PATH;
  if (pathname === UP_EVENTS_PATH)
    return method === 'POST' ? { kind: 'events' } : { kind: 'method-not-allowed' };
  if (pathname === RELAY_PATH) return { kind: 'relay' };
  if (method !== 'GET' && method !== 'HEAD')
    return reserved ? { kind: 'method-not-allowed' } : { kind: 'not-a-browser' };
  if (!reserved) return isNavigation(headers) ? { kind: 'bootstrap' } : { kind: 'not-a-browser' };
  if (pathname === CATALOG_PATH) return { kind: 'catalog' };
  if (pathname === APP_LISTING_PATH) return { kind: 'listing' };
  if (pathname === UP_VERSION_PATH) return { kind: 'version' };
  if (pathname === UP_CHANGES_PATH) return { kind: 'changes' };
  if (pathname === REDEPLOY_PATH)
    return isNavigation(headers) ? { kind: 'bootstrap' } : { kind: 'not-a-browser' };
  if (pathname.startsWith(APP_FILES_PREFIX)) {
    const path = relativeFromUrlPath(pathname);
    return path === undefined ? { kind: 'not-found' } : { kind: 'app-file', path };
  }
  if (hostFiles.has(pathname)) return { kind: 'host-file', path: pathname };
  if (pathname.startsWith(PREPARED_PATH)) return { kind: 'prepared', path: pathname };
  return { kind: 'not-found' };
}
