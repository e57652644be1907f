/**
 * What a server must do to host the built site, as data that each server's configuration is
 * written from (`_headers`, nginx, Caddy: static-host-files.ts). The headers are not restated here:
 * every rule's headers are what `securityHeaders` answers `vite preview` with for a path of that
 * rule, so the preview and every written configuration say the same thing.
 *
 * Besides headers, the host middleware (host-middleware.ts) does three things a plain file server
 * cannot, which the nginx and Caddy forms do with their own rules and `_headers` cannot express:
 * - at app origins, every path but Swerve's own files answers a navigation with the bootstrap page
 *   and anything else with 503 and a short text, never cached. The page is written into those
 *   configurations, never as a file of the site: at the site's own origin it would install the
 *   host's worker over the site's pages;
 * - `/embed` answers 403 to frames of the site's own domain (`Sec-Fetch-Site: same-site`);
 * - an old app URL (`/apps/<key>/x`) is redirected to the app's origin.
 */
import { SwerveError } from '../errors.ts';
import { appOrigin, CONTENT_KEY, type OriginsConfig } from '../origins/app-origins.ts';
import {
  APPS_ROOT,
  CLIENT_MODULE_PATH,
  COMPONENTS_PATH,
  GUEST_WORKER_PATH,
  HOST_PAGE_PATH,
  RUNTIME_WORKER_PATH,
  SERVICE_WORKER_PATH,
  SWERVE_PREFIX,
  TOOLS_WORKER_PATH,
} from '../protocol/paths.ts';
import { bootstrapHtml, notABrowserText } from './bootstrap-page.ts';
import { EMBED_FRAMING_REFUSAL, FRAME_DESTINATIONS } from './embed-framing.ts';
import { EMBED_API_PATH, EMBED_PAGE_PATHS, securityHeaders, VIEW_PAGE_PATHS } from './security-headers.ts';
import { DEFAULT_SITE_ORIGIN, originsForSite } from './site-origin.ts';

/**
 * Which origins a rule is for: the site's, every app's, only links' apps (content keys, `h…`:
 * their host page sits inside embeds on any site), or all of them.
 */
export type RuleHosts = 'site' | 'apps' | 'links' | 'all';

export interface HeaderRule {
  hosts: RuleHosts;
  /** Paths: `/x` that one path, `/x/*` every path under `/x/`, `/*` every path. */
  paths: readonly string[];
  /** Every header of a response the rule matches (a later matching rule replaces all of them). */
  headers: Readonly<Record<string, string>>;
  /** Why, written beside the rule. */
  why: string;
}

export interface StaticHostPlan {
  /** The site's origin (`https://swerve.example.com`). */
  site: URL;
  /** The host apps' names end with (`.swerve.example.com`), no port. */
  appHostSuffix: string;
  /** A regular expression source for an app key (one DNS label) and for a link's key. */
  appKeyPattern: string;
  linkKeyPattern: string;
  /** In order: where several rules match a request, the last one's headers are sent. */
  rules: readonly HeaderRule[];
  /** App origins, before the host is installed: the page navigations get, the text others get (`{url}`). */
  bootstrapHtml: string;
  notABrowserText: string;
  /** The embed page's paths, refused to frames whose `Sec-Fetch-Dest` is one of `frameDestinations`. */
  embedPaths: readonly string[];
  frameDestinations: readonly string[];
  embedRefusal: string;
  /** Old app URLs (`/apps/<key>/…`), redirected to the app's origin. */
  oldAppsRoot: string;
  /** Swerve's own files at app origins, served from the build as they are (everything else is the app's). */
  swerveFiles: readonly string[];
}

const WORKER_PATHS = [SERVICE_WORKER_PATH, RUNTIME_WORKER_PATH, GUEST_WORKER_PATH, TOOLS_WORKER_PATH];

/** A content key's shape, for a sample origin: `h` and 52 base-32 digits. */
const SAMPLE_LINK_KEY = `h${'0'.repeat(52)}`;

/** The plan for a site whose origins are `origins` (from `originsForSite`; unset: the default origin). */
export function staticHostPlan(origins: OriginsConfig): StaticHostPlan {
  const config = origins.site ? origins : { ...originsForSite(DEFAULT_SITE_ORIGIN), ...origins };
  const site = new URL(config.site!);
  const app = appOrigin('app', site.origin, config);
  const link = appOrigin(SAMPLE_LINK_KEY, site.origin, config);
  const appHost = new URL(app).hostname;
  const appUrl = new URL(app);
  if (!appHost.startsWith('app.') || appUrl.port !== site.port || appUrl.protocol !== site.protocol)
    throw new SwerveError(
      'config-invalid',
      `Static hosting configuration is written for apps whose key is the first label of their host, ` +
        `with the site's scheme and port (${site.protocol}//<key>.${site.host}); this site's apps run at ` +
        `${config.apps}. Serve it with \`vite preview\`, or set the site origin alone (SWERVE_SITE_ORIGIN).`,
    );
  const at = (origin: string, path: string) => securityHeaders(path, origin, config);
  const rules: HeaderRule[] = [
    {
      hosts: 'site',
      paths: ['/*'],
      headers: at(site.origin, '/'),
      why: "The site's pages: a strict CSP; they may frame app origins, and only the site may frame them.",
    },
    {
      hosts: 'site',
      paths: EMBED_PAGE_PATHS,
      headers: at(site.origin, EMBED_PAGE_PATHS[0]!),
      why: 'The embed page: any site may frame it (decision 0015).',
    },
    {
      hosts: 'site',
      paths: VIEW_PAGE_PATHS,
      headers: at(site.origin, VIEW_PAGE_PATHS[0]!),
      why: 'The viewer: fetches an app from any server that allows it (?app=<url>).',
    },
    {
      hosts: 'apps',
      paths: ['/*'],
      headers: at(app, '/'),
      why: 'App origins: only the site and configured embedders may frame them; an agent cluster of their own.',
    },
    {
      hosts: 'apps',
      paths: [HOST_PAGE_PATH],
      headers: at(app, HOST_PAGE_PATH),
      why: 'The host page of an app origin: framed by the site (or an embedder) to drive the host.',
    },
    {
      hosts: 'links',
      paths: [HOST_PAGE_PATH],
      headers: at(link, HOST_PAGE_PATH),
      why: "A link's host page sits inside embeds on any site: every ancestor is accepted (it obeys only its parent).",
    },
    {
      hosts: 'all',
      paths: WORKER_PATHS,
      headers: at(site.origin, SERVICE_WORKER_PATH),
      why: 'The workers: the only scripts that may evaluate code and compile Wasm; re-checked on every registration.',
    },
    {
      hosts: 'all',
      paths: [`${COMPONENTS_PATH}*`],
      headers: at(site.origin, COMPONENTS_PATH),
      why: "Published components: versioned URLs, cached for good; readable by every app origin (CORS), which fetch the site's copy.",
    },
    {
      hosts: 'all',
      paths: [CLIENT_MODULE_PATH, EMBED_API_PATH],
      headers: at(site.origin, CLIENT_MODULE_PATH),
      why: "Modules other sites' pages import.",
    },
  ];
  return {
    site,
    appHostSuffix: appHost.slice('app'.length),
    appKeyPattern: '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?',
    linkKeyPattern: CONTENT_KEY.source.replace(/^\^|\$$/g, ''),
    rules,
    bootstrapHtml: bootstrapHtml(),
    notABrowserText: notABrowserText('{url}'),
    embedPaths: EMBED_PAGE_PATHS,
    frameDestinations: [...FRAME_DESTINATIONS],
    embedRefusal: EMBED_FRAMING_REFUSAL,
    oldAppsRoot: APPS_ROOT,
    swerveFiles: [`${SWERVE_PREFIX}*`, SERVICE_WORKER_PATH],
  };
}

/** Whether `path` matches a rule's path pattern. */
export function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

/**
 * The headers the plan gives a request for `path` at an origin of kind `host` (the last matching
 * rule's): what every written configuration must answer, and what the tests compare with
 * `securityHeaders`.
 */
export function planHeaders(
  plan: StaticHostPlan,
  host: 'site' | 'app' | 'link',
  path: string,
): Readonly<Record<string, string>> {
  const kinds: Record<typeof host, RuleHosts[]> = {
    site: ['site', 'all'],
    app: ['apps', 'all'],
    link: ['apps', 'links', 'all'],
  };
  const matching = plan.rules.filter(
    (rule) => kinds[host].includes(rule.hosts) && rule.paths.some((pattern) => pathMatches(pattern, path)),
  );
  return matching.at(-1)?.headers ?? {};
}

/** What the host middleware adds to the answers it makes at app origins itself. */
const APP_FALLBACK_HEADERS = { 'cache-control': 'no-store' };

/** One path pattern of a server's configuration and every header of its responses. */
export interface HostLocation {
  pattern: string;
  headers: Readonly<Record<string, string>>;
  /** At an app origin: the headers where the app is a link's (`h…`), when they differ. */
  linkHeaders?: Readonly<Record<string, string>>;
}

/**
 * The path patterns a server that picks one rule per request (nginx's locations, Caddy's
 * exclusive matchers) needs for the site's origin or for app origins, each with its headers.
 * At app origins, `/*` is every path but Swerve's own files, which the server answers itself.
 */
export function hostLocations(plan: StaticHostPlan, kind: 'site' | 'app'): HostLocation[] {
  const wanted: RuleHosts[] = kind === 'site' ? ['site', 'all'] : ['apps', 'links', 'all'];
  const patterns = new Set(
    plan.rules.filter((rule) => wanted.includes(rule.hosts)).flatMap((rule) => rule.paths),
  );
  if (kind === 'app') patterns.add(`${SWERVE_PREFIX}*`);
  const sample = (pattern: string) => (pattern.endsWith('*') ? `${pattern.slice(0, -1)}x` : pattern);
  return [...patterns].map((pattern) => {
    const path = sample(pattern);
    // Every app path the server answers itself (the bootstrap page, or 503) is never cached.
    const own = kind === 'app' && pattern === '/*' ? APP_FALLBACK_HEADERS : {};
    const headers = { ...planHeaders(plan, kind, path), ...own };
    const linkHeaders = kind === 'app' ? { ...planHeaders(plan, 'link', path), ...own } : headers;
    const differs = JSON.stringify(linkHeaders) !== JSON.stringify(headers);
    return { pattern, headers, ...(differs ? { linkHeaders } : {}) };
  });
}

/** Whether pattern `inner` is more specific than `outer` and matches some of the same paths. */
export function narrower(inner: string, outer: string): boolean {
  if (inner === outer || !outer.endsWith('*')) return false;
  return inner.startsWith(outer.slice(0, -1));
}
