/**
 * The `spin-*` headers Spin adds to every request it hands a component
 * (crates/trigger-http/src/headers.rs), computed from a route match.
 */
import type { RouteMatch } from './router.ts';

/** What the headers are computed from, besides the match. */
export interface SpinHeaderInput {
  readonly match: RouteMatch;
  /**
   * The URL the browser asked for, mount included: `spin-full-url` is the address the client
   * used, not the one the component sees.
   */
  readonly fullUrl: string;
  /** The client's `ip:port`; in service chaining Spin uses `0.0.0.0:0`. */
  readonly clientAddr: string;
}

/** The client address Spin gives requests that come from service chaining. */
export const CHAINED_CLIENT_ADDR = '0.0.0.0:0';

/**
 * Every `spin-*` header, lower-case, in the order Spin adds them. A host sets them over any
 * header of the same name the client sent.
 */
export function spinRequestHeaders(input: SpinHeaderInput): [name: string, value: string][] {
  const { match, fullUrl, clientAddr } = input;
  const headers: [string, string][] = [
    ['spin-path-info', match.pathInfo],
    ['spin-full-url', withoutFragment(fullUrl)],
    ['spin-matched-route', match.basedRoute],
    ['spin-base-path', '/'],
    ['spin-raw-component-route', match.rawRoute],
    ['spin-component-route', match.rawRoute.endsWith('/...') ? match.rawRoute.slice(0, -4) : match.rawRoute],
    ['spin-client-addr', clientAddr],
  ];
  // Spin collects captures into a map, so a name used twice keeps its last value.
  const params = new Map(match.params.map(([name, value]) => [pathMatchHeader(name), value]));
  headers.push(...params);
  return headers;
}

/**
 * `spin-path-match-<name>`: Spin writes `SPIN_PATH_MATCH_<NAME>` and then turns `_` into `-` and
 * lower-cases ASCII, so `:user_id` gives `spin-path-match-user-id` and `:userId` `...-userid`.
 */
export function pathMatchHeader(paramName: string): string {
  const name = paramName.replace(/[A-Z]/g, (c) => c.toLowerCase()).replaceAll('_', '-');
  return `spin-path-match-${name}`;
}

// A server never receives the fragment; the browser's Request.url may still carry one.
function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}
