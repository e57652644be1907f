/**
 * Spin's HTTP routing: route patterns and precedence, the reserved `/.well-known/spin/` paths,
 * and the `spin-*` request headers.
 */
export {
  buildRouter,
  basedRouteOf,
  routeProblem,
  type BuiltRouter,
  type Router,
  type RouteMatch,
  type RouteResult,
  type RouteTarget,
  type RouterWarning,
} from './router.ts';
export {
  parsePattern,
  matchPattern,
  comparePatterns,
  type RoutePattern,
  type Segment,
} from './route-pattern.ts';
export {
  spinRequestHeaders,
  pathMatchHeader,
  CHAINED_CLIENT_ADDR,
  type SpinHeaderInput,
} from './spin-headers.ts';
export { wellKnownRoute, appInfoBody, HEALTH_BODY, WELL_KNOWN_PREFIX } from './well-known.ts';
