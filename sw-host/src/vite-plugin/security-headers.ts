/**
 * The response headers Swerve needs from whatever serves the site.
 *
 * Only the workers may evaluate code (their CSP comes from the headers of their own script
 * response): jco's glue needs 'unsafe-eval', compiling components needs 'wasm-unsafe-eval'.
 * Pages get a strict CSP with neither. The site's pages may frame app origins' host pages and
 * previews; a host page may be framed only by the origins allowed to drive it.
 *
 * The workers may connect to any http(s) origin, because components may: a manifest's
 * `allowed_outbound_hosts` can name any host, and the host checks every request against it
 * (runtime/instance/app-outbound.ts) before it is made. The CSP trusts nothing more because of that; the
 * manifest check is the gate. (It also lets deploys fetch `source = { url, digest }`, whose
 * digest is checked.)
 *
 * Embeds (docs/decisions/0015): the embed page (`/embed`) may be framed by any origin, and its
 * script for other sites' pages (`/swerve-embed.js`) may be imported by any. A frame's
 * `frame-ancestors` is checked against every ancestor, so the host page of a link's app (a
 * content key, `h…`), which the embed page frames, must accept any ancestor too; it still acts
 * only for its direct parent at an allowed origin (host-page/main.ts). Every other page, and
 * the host pages of projects (`p…`) and of the site's own apps, keep their narrow lists.
 */
import { allowedParents, appKeyOf, CONTENT_KEY, type OriginsConfig } from '../origins/app-origins.ts';
import {
  CLIENT_MODULE_PATH,
  COMPONENTS_PATH,
  GUEST_WORKER_PATH,
  HOST_PAGE_PATH,
  RUNTIME_WORKER_PATH,
  SERVICE_WORKER_PATH,
  TOOLS_WORKER_PATH,
} from '../protocol/paths.ts';

export const WORKER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "connect-src 'self' http: https:",
].join('; ');

function pageCsp(extra: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ...extra,
  ].join('; ');
}

/** The embed page's paths (`/embed`, as built: `/embed.html`): the only site pages any origin may frame. */
export const EMBED_PAGE_PATHS: readonly string[] = ['/embed', '/embed.html'];

/** The embed API, one ES module that pages of other sites import (playground/build-config.ts). */
export const EMBED_API_PATH = '/swerve-embed.js';

/**
 * The keys of origins that hold only what a link carries: `h` and the content's whole SHA-256
 * in base 32, as `contentAppKey` makes them (origins/app-origins.ts). A site app's name never
 * has that shape.
 */
const LINK_CONTENT_KEY = CONTENT_KEY;

/**
 * `Origin-Agent-Cluster: ?1`, for every response at an app origin: the server's (here) and the
 * documents the service worker serves (sw/navigation-guard.ts).
 */
export const ORIGIN_AGENT_CLUSTER = ['origin-agent-cluster', '?1'] as const;

/** Where the site's pages may frame: app origins, by the pattern (`http://*.swerve.localhost:4173`). */
function appFrameSources(origin: string, origins: OriginsConfig): string {
  const url = new URL(origin);
  const pattern = origins.apps ? new URL(origins.apps.replace('{app}', 'x')) : url;
  const host = origins.apps ? pattern.host.replace(/^x\./, '') : url.host;
  return `frame-src 'self' ${pattern.protocol}//*.${host}`;
}

/**
 * The viewer (`/view?app=<url>`) fetches an app from any server that allows it (CORS); what it
 * fetches is data (checked against the link's digest when given), never run at the site's origin.
 */
export const VIEW_PAGE_PATHS: readonly string[] = ['/view', '/view.html'];
const VIEW_PATHS = new Set(VIEW_PAGE_PATHS);

/**
 * Headers for a response from the server (never for responses the worker makes), for a request
 * of `pathname` at `origin`.
 */
export function securityHeaders(
  pathname: string,
  origin = 'http://localhost',
  origins: OriginsConfig = {},
): Record<string, string> {
  if (
    pathname === SERVICE_WORKER_PATH ||
    pathname === RUNTIME_WORKER_PATH ||
    pathname === GUEST_WORKER_PATH ||
    pathname === TOOLS_WORKER_PATH
  ) {
    return {
      'content-security-policy': WORKER_CSP,
      // The worker must be re-checked on every registration so a deploy is picked up at once.
      'cache-control': 'no-cache',
      'service-worker-allowed': '/',
    };
  }
  if (pathname.startsWith(COMPONENTS_PATH)) {
    // Versioned URLs that never change: cacheable for good, which also lets Chromium keep the
    // compiled code of a module fetched with compileStreaming across browser restarts. Readable
    // from any origin: every app origin fetches the site's copy, so all share one download and
    // one compiled code (component/site-artifact-urls.ts); they are public, as the site is.
    return {
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
    };
  }
  if (pathname === CLIENT_MODULE_PATH || pathname === EMBED_API_PATH) {
    // Pages of other sites import the client to embed apps.
    return { 'access-control-allow-origin': '*', 'x-content-type-options': 'nosniff' };
  }
  const key = appKeyOf(origin, origins);
  if (key) {
    // At an app origin: the host page, and the bootstrap page a framed preview may get first.
    // A link's host page sits inside an embed on any site: every ancestor must be accepted.
    const ancestors =
      pathname === HOST_PAGE_PATH && LINK_CONTENT_KEY.test(key)
        ? '*'
        : allowedParents(origin, origins).join(' ');
    return {
      'content-security-policy': pageCsp([`frame-ancestors ${ancestors}`]),
      'x-content-type-options': 'nosniff',
      // An agent cluster of the origin's own (not the site's): no synchronous access to, and no
      // shared process with, the site's pages or other apps, even where document.domain is set.
      [ORIGIN_AGENT_CLUSTER[0]]: ORIGIN_AGENT_CLUSTER[1],
      ...(pathname === HOST_PAGE_PATH ? { 'cache-control': 'no-cache' } : {}),
    };
  }
  const ancestors = EMBED_PAGE_PATHS.includes(pathname) ? '*' : "'self'";
  const csp = pageCsp([`frame-ancestors ${ancestors}`, appFrameSources(origin, origins)]);
  return {
    'content-security-policy': VIEW_PATHS.has(pathname)
      ? csp.replace("connect-src 'self'", "connect-src 'self' http: https:")
      : csp,
    'x-content-type-options': 'nosniff',
  };
}
