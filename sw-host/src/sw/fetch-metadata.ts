/**
 * The headers a server behind a browser sees and a service worker is not given: `Origin`,
 * `Referer` and the fetch metadata (`Sec-Fetch-Site`, `-Mode`, `-Dest`), worked out from what
 * the fetch event's request does carry (`mode`, `destination`, `referrer`, `method`), so that a
 * guest can defend itself as a Spin app behind a browser would (docs/decisions/0007).
 *
 * Where the browser hides something, the answer is the least trusting one, never a guess:
 * - the worker sees only requests of its own origin's documents, and navigations. A document's
 *   request is `same-origin` (a worker never sees another origin's subresources);
 * - a navigation's initiator is known only by its referrer. With none (a typed URL, a bookmark,
 *   or a page that sends no referrer: `rel=noreferrer`, `referrerpolicy="no-referrer"`) it is
 *   reported `cross-site`, where a browser would send `none` for the first two: nothing tells
 *   them apart, and an attacker can always hide its referrer;
 * - `Origin` of a form from a page that hid its referrer is `null`, as browsers send for
 *   `no-referrer`;
 * - `Sec-Fetch-User` (a navigation the user started) is never sent: the worker cannot know it.
 */
import { siteRelation } from '../origins/site-relation.ts';
import type { OriginsConfig } from '../origins/app-origins.ts';

/** What the worker reads of a request (a fetch event's `Request` has all of it). */
export interface SeenRequest {
  readonly method: string;
  readonly mode: string;
  readonly destination: string;
  /** The referrer after the page's referrer policy: a URL, or '' when hidden. */
  readonly referrer: string;
}

/** Where the request arrived: this worker's origin, and the site it belongs to (none under `swerve up`). */
export interface Arrival {
  readonly origin: string;
  readonly site: string | undefined;
  readonly config: OriginsConfig;
}

/** The origin of a request's referrer, or undefined when the browser hid it. */
export function referrerOrigin(request: SeenRequest): string | undefined {
  if (!request.referrer || request.referrer === 'about:client') return undefined;
  try {
    const origin = new URL(request.referrer).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** `Origin`, `Referer` and `Sec-Fetch-*`, lower-case, for a request the worker answers. */
export function fetchMetadata(request: SeenRequest, arrival: Arrival): [string, string][] {
  const navigation = request.mode === 'navigate';
  const from = navigation ? referrerOrigin(request) : arrival.origin;
  const relation =
    from === undefined
      ? 'cross-site'
      : arrival.site
        ? siteRelation(from, arrival.origin, arrival.site, arrival.config)
        : from === arrival.origin
          ? 'same-origin'
          : 'cross-site';
  const headers: [string, string][] = [
    ['sec-fetch-site', relation],
    ['sec-fetch-mode', request.mode || 'no-cors'],
    ['sec-fetch-dest', request.destination || 'empty'],
  ];
  // Browsers send Origin with every request that is not a GET or HEAD (and with CORS requests,
  // which never reach this worker: they are another origin's).
  if (request.method !== 'GET' && request.method !== 'HEAD') headers.push(['origin', from ?? 'null']);
  const referrer = referrerOrigin(request) === undefined ? undefined : request.referrer;
  if (referrer !== undefined) headers.push(['referer', referrer]);
  return headers;
}
