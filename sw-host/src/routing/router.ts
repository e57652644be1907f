/**
 * The HTTP trigger's router: which trigger answers a path, with Spin's exact rules
 * (spinframework/spin crates/routes and crates/trigger-http/src/server.rs).
 *
 * It works on the path as the app sees it: a host that mounts an app under `/apps/<name>/`
 * strips that prefix first, so the router, like Spin's, always has the base `/`.
 */
import { SwerveError } from '../errors.ts';
import type { HttpTrigger, StaticResponse } from './http-trigger.ts';
import { comparePatterns, matchPattern, parsePattern, type RoutePattern } from './route-pattern.ts';
import { wellKnownRoute } from './well-known.ts';

/** What answers a matched route. */
export type RouteTarget =
  | { readonly kind: 'component'; readonly componentId: string }
  /** A `static_response` trigger (named by its trigger id) and the response it answers with. */
  | { readonly kind: 'static-response'; readonly triggerId: string; readonly response: StaticResponse };

/** A route that matched a path: what Spin's `RouteMatch` knows. */
export interface RouteMatch {
  readonly target: RouteTarget;
  /** The route as written in the manifest (`spin-raw-component-route`). */
  readonly rawRoute: string;
  /** The route with a leading `/` and one trailing `/` removed (`spin-matched-route`). */
  readonly basedRoute: string;
  /** The path that was matched. */
  readonly path: string;
  /** `:name` captures, in route order. */
  readonly params: readonly (readonly [name: string, value: string])[];
  /** What the trailing wildcard matched, Spin-style (`spin-path-info`); `''` for exact routes. */
  readonly pathInfo: string;
}

/** The outcome of routing a request from outside. */
export type RouteResult =
  | { readonly kind: 'matched'; readonly match: RouteMatch }
  /** `/.well-known/spin/health`: answer 200 with the body `OK`. */
  | { readonly kind: 'health' }
  /** `/.well-known/spin/info`: answer with `appInfoBody`. */
  | { readonly kind: 'info' }
  /** Answer 404 with an empty body. `reserved` when the path is under `/.well-known/spin/`. */
  | { readonly kind: 'not-found'; readonly reserved: boolean };

/** Something the host should log once when the app is deployed. */
export interface RouterWarning {
  readonly kind: 'duplicate-route' | 'reserved-route';
  readonly message: string;
}

/** A built router. */
export interface Router {
  /** Routes a request path (no query) from outside the app. */
  route(path: string): RouteResult;
  /**
   * Service chaining (`http://<component>.spin.internal/...`): reaches the component whatever
   * its route, private ones included, as if matched by `/...`. `undefined` when no HTTP trigger
   * runs that component.
   */
  routeToComponent(componentId: string, path: string): RouteMatch | undefined;
  /** The routes in the order they are tried, for diagnostics. */
  readonly routes: readonly { readonly rawRoute: string; readonly target: RouteTarget }[];
}

/** The router and what Spin would warn about while building it. */
export interface BuiltRouter {
  readonly router: Router;
  readonly warnings: readonly RouterWarning[];
}

interface Entry {
  readonly rawRoute: string;
  readonly basedRoute: string;
  readonly target: RouteTarget;
  readonly pattern: RoutePattern;
}

/**
 * Builds the router for an app's `[[trigger.http]]` tables.
 *
 * Private triggers are left out; the same route written twice keeps the last one, in the first
 * one's place (Spin's IndexMap), with a warning.
 *
 * @throws SwerveError (`manifest-invalid`) for a route that is not a valid pattern; `parseManifest`
 *   rejects those first.
 */
export function buildRouter(triggers: readonly HttpTrigger[]): BuiltRouter {
  const byRawRoute = new Map<string, { basedRoute: string; target: RouteTarget }>();
  const warnings: RouterWarning[] = [];
  for (const trigger of triggers) {
    if (trigger.route.kind === 'private') continue;
    const rawRoute = trigger.route.pattern;
    const target: RouteTarget =
      trigger.handler.kind === 'component'
        ? { kind: 'component', componentId: trigger.handler.componentId }
        : { kind: 'static-response', triggerId: trigger.id, response: trigger.handler.response };
    const replaced = byRawRoute.get(rawRoute);
    const basedRoute = basedRouteOf(rawRoute);
    byRawRoute.set(rawRoute, { basedRoute, target });
    if (replaced !== undefined) {
      const route = replaced.basedRoute === '' ? '/' : replaced.basedRoute;
      warnings.push({
        kind: 'duplicate-route',
        message: `The route ${route} of ${describe(replaced.target)} will never be used: ${describe(target)} has the same route, and the last one in the manifest wins.`,
      });
    }
  }

  const entries: Entry[] = [];
  for (const [rawRoute, { basedRoute, target }] of byRawRoute) {
    const parsed = parsePattern(routefinderSource(basedRoute));
    if (!parsed.ok) {
      throw new SwerveError(
        'manifest-invalid',
        `The route ${JSON.stringify(rawRoute)} is not valid: ${parsed.reason}.`,
      );
    }
    const entry = { rawRoute, basedRoute, target, pattern: parsed.pattern };
    // Insert before the first route this one sorts before, as routefinder's BTreeMap does.
    const at = entries.findIndex((other) => comparePatterns(entry.pattern, other.pattern) < 0);
    entries.splice(at === -1 ? entries.length : at, 0, entry);
    if (basedRoute.startsWith('/.well-known/spin/')) {
      warnings.push({
        kind: 'reserved-route',
        message: `The route ${rawRoute} of ${describe(target)} will never be reached: routes under /.well-known/spin/ are handled by the host.`,
      });
    }
  }

  const componentIds = new Set(
    triggers.flatMap((t) => (t.handler.kind === 'component' ? [t.handler.componentId] : [])),
  );

  const router: Router = {
    route(path) {
      const reserved = wellKnownRoute(path);
      if (reserved !== undefined) return reserved;
      for (const entry of entries) {
        const captures = matchPattern(entry.pattern, path);
        if (captures === undefined) continue;
        const { rawRoute, basedRoute, target } = entry;
        const pathInfo = pathInfoOf(captures.wildcard, path);
        return {
          kind: 'matched',
          match: { target, rawRoute, basedRoute, path, params: captures.params, pathInfo },
        };
      }
      return { kind: 'not-found', reserved: false };
    },
    routeToComponent(componentId, path) {
      if (!componentIds.has(componentId)) return undefined;
      const target: RouteTarget = { kind: 'component', componentId };
      return { target, rawRoute: '/...', basedRoute: '/...', path, params: [], pathInfo: path };
    },
    routes: entries.map(({ rawRoute, target }) => ({ rawRoute, target })),
  };
  return { router, warnings };
}

/**
 * Why a route cannot be used, or `undefined`. Besides the pattern errors Spin reports at start-up,
 * this refuses what Spin only fails on at request time: a `*` before the end, and a `:name`
 * that cannot become part of a `spin-path-match-<name>` header.
 */
export function routeProblem(rawRoute: string): string | undefined {
  const parsed = parsePattern(routefinderSource(basedRouteOf(rawRoute)));
  if (!parsed.ok) return parsed.reason;
  for (const segment of parsed.pattern.segments) {
    if (segment.kind === 'param' && !/^[A-Za-z0-9_!#$%&'*+^`|~-]+$/.test(segment.name)) {
      return `the name of \`:${segment.name}\` cannot be part of a header name (spin-path-match-<name>); use letters, digits, \`_\` and \`-\``;
    }
  }
  return undefined;
}

/** Spin's `sanitize_with_base("/", route)`: a leading `/` added, one trailing `/` removed. */
export function basedRouteOf(rawRoute: string): string {
  const absolute = rawRoute.startsWith('/') ? rawRoute : `/${rawRoute}`;
  return absolute.endsWith('/') ? absolute.slice(0, -1) : absolute;
}

/** Spin's `parse_route`: a trailing `/...` is routefinder's `/*`. */
function routefinderSource(basedRoute: string): string {
  return basedRoute.endsWith('/...') ? `${basedRoute.slice(0, -4)}/*` : basedRoute;
}

/**
 * `spin-path-info`: routefinder drops trailing slashes from the wildcard; Spin puts one back when
 * the request path had it, for backward compatibility.
 */
function pathInfoOf(wildcard: string | undefined, path: string): string {
  if (wildcard === undefined) return '';
  const slash = path.endsWith('/');
  if (wildcard === '') return slash ? '/' : '';
  return slash ? `/${wildcard}/` : `/${wildcard}`;
}

function describe(target: RouteTarget): string {
  return target.kind === 'component'
    ? `component "${target.componentId}"`
    : `the static response of trigger "${target.triggerId}"`;
}
