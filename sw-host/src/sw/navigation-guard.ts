/**
 * What another origin's page may make an app's documents do (docs/decisions/0007). A navigation
 * reaches the worker of the origin it goes to, so a page of app A that frames app B, or posts a
 * form to it, is served by B's worker with B's data, for B's visitor: clickjacking and request
 * forgery, between apps whose origins anyone can predict. By default:
 *
 * - a frame (iframe, frame, embed, object) may hold the app's documents only when the page that
 *   navigated it is the app itself, the site, or a configured embedder. The worker refuses the
 *   others it can name (by referrer); every document it serves also carries
 *   `frame-ancestors` (navigationHeaders), which the browser checks against every ancestor,
 *   referrer or not;
 * - a form (any navigation but GET and HEAD) is served only from the app's own pages: a page
 *   that hid its referrer cannot prove it is one, and is refused too.
 *
 * `[application.tool.swerve]` widens either for named origins (manifest/parse-swerve-tool.ts);
 * a navigation served only because of it is logged as such.
 */
import type { NavigationOptIn } from '../manifest/types.ts';
import { referrerOrigin, type Arrival, type SeenRequest } from './fetch-metadata.ts';

/** Destinations of a navigation into a frame rather than a tab. */
const FRAME_DESTINATIONS = new Set(['iframe', 'frame', 'embed', 'object']);

export type NavigationVerdict =
  | { readonly kind: 'serve'; readonly widened?: string }
  | { readonly kind: 'refuse'; readonly reason: string };

/** Where a refusal's log line sends the app's author. */
const OPT_IN = '[application.tool.swerve] in spin.toml';

/** Who may frame the app's documents, besides the app itself. */
function framers(arrival: Arrival, embedders: readonly string[]): string[] {
  return [...(arrival.site ? [arrival.site] : []), ...embedders];
}

/** Whether the verdict should let `from` through because the manifest lists it (or `*`). */
function optedIn(list: readonly string[], from: string | undefined): boolean {
  return list.includes('*') || (from !== undefined && list.includes(from));
}

/**
 * Judges a request the worker is about to hand `app`'s guest. `path` is what the log names.
 * Requests that are not navigations are the app's own documents' and are always served.
 */
export function judgeNavigation(
  request: SeenRequest,
  path: string,
  arrival: Arrival,
  embedders: readonly string[],
  optIn: NavigationOptIn,
): NavigationVerdict {
  if (request.mode !== 'navigate') return { kind: 'serve' };
  const from = referrerOrigin(request);
  const who = from ? `a page of ${from}` : 'a page that hid its referrer';
  if (request.method !== 'GET' && request.method !== 'HEAD' && from !== arrival.origin) {
    if (optedIn(optIn.formsFrom, from)) {
      return {
        kind: 'serve',
        widened: `Served ${request.method} ${path} from ${who}, because forms_from in ${OPT_IN} allows it.`,
      };
    }
    return {
      kind: 'refuse',
      reason:
        `Refused ${request.method} ${path} from ${who} (403): a form on another origin's page could make this ` +
        `app act for its visitor, so Swerve serves forms (non-GET navigations) only from the app's own pages. ` +
        `To accept them from that origin, list it in forms_from under ${OPT_IN}, and check such requests ` +
        'yourself (a CSRF token, the Origin header).',
    };
  }
  if (FRAME_DESTINATIONS.has(request.destination) && from !== undefined && from !== arrival.origin) {
    if (framers(arrival, embedders).includes(from)) return { kind: 'serve' };
    if (optedIn(optIn.frameAncestors, from)) {
      return {
        kind: 'serve',
        widened: `Served ${path} in a frame of ${from}, because frame_ancestors in ${OPT_IN} allows it.`,
      };
    }
    return {
      kind: 'refuse',
      reason:
        `Refused ${path} in a frame of ${from} (403): a page that frames this app's documents could trick its ` +
        `visitor into clicking in them, so only the app itself, the site and its embedders may. To allow ` +
        `that origin, list it in frame_ancestors under ${OPT_IN}.`,
    };
  }
  return { kind: 'serve' };
}

/**
 * Headers added to every document the worker serves, over whatever the guest set: its own CSP
 * is kept beside this one, and a browser enforces both, so a guest can narrow who may frame it
 * but never widen it.
 */
export function navigationHeaders(
  arrival: Arrival,
  embedders: readonly string[],
  optIn: NavigationOptIn,
): [string, string][] {
  const ancestors = optIn.frameAncestors.includes('*')
    ? ['*']
    : ["'self'", ...new Set([...framers(arrival, embedders), ...optIn.frameAncestors])];
  return [
    ['content-security-policy', `frame-ancestors ${ancestors.join(' ')}`],
    // An agent cluster of the origin's own (vite-plugin/security-headers.ts says the same for the server's).
    ['origin-agent-cluster', '?1'],
  ];
}

/** `response` with `headers` added (appended: a guest's CSP stays, beside ours). */
export function withHeaders(response: Response, headers: readonly [string, string][]): Response {
  const merged = new Headers(response.headers);
  for (const [name, value] of headers) {
    if (name === 'content-security-policy') merged.append(name, value);
    else merged.set(name, value);
  }
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: merged,
  });
}

/** The answer a refused navigation gets: 403, and a page that says why. */
export function refusal(reason: string): Response {
  return new Response(`${reason}\n`, {
    status: 403,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
