/**
 * Route patterns and their precedence, with the exact semantics of the `routefinder` crate
 * (0.5.4) that Spin's router is built on (spinframework/spin crates/routes).
 *
 * A pattern is split at every `/` and `.` into segments: literal text, `:name` (one segment, up
 * to the next `/`, or up to the next `.` when the pattern has one there), and a trailing `*`
 * (everything left; Spin writes it `/...`). Two details surprise people and are kept on purpose,
 * because Spin has them: dots are separators (`/:file.json` captures `file` from `/a.json`), and
 * leading and trailing slashes of the path are ignored (`/cart` matches `/cart/` and `//cart//`).
 */

/** One piece of a pattern. */
export type Segment =
  | { readonly kind: 'slash' }
  | { readonly kind: 'dot' }
  | { readonly kind: 'exact'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'wildcard' };

/** A parsed pattern. */
export interface RoutePattern {
  readonly segments: readonly Segment[];
}

/** What a pattern captured from a path. */
export interface PatternCaptures {
  /** `:name` captures, in pattern order. */
  readonly params: readonly (readonly [name: string, value: string])[];
  /** What the trailing `*` matched (without leading or trailing slash), if the pattern has one. */
  readonly wildcard: string | undefined;
}

/** A pattern, or why the text is not one. */
export type ParsedPattern =
  { readonly ok: true; readonly pattern: RoutePattern } | { readonly ok: false; readonly reason: string };

/**
 * Parses a routefinder pattern (Spin has already turned a trailing `/...` into `/*`).
 *
 * Besides routefinder's own errors, a `*` that is not last is refused here: routefinder accepts it
 * and then panics on the first request that reaches it.
 */
export function parsePattern(source: string): ParsedPattern {
  const trimmed = source.replace(/^\/+/, '').replace(/\/+$/, '');
  const segments: Segment[] = [];
  let start = 0;
  let before: string | undefined;
  for (let i = 0; i <= trimmed.length; i += 1) {
    const char = trimmed[i];
    if (char !== undefined && char !== '/' && char !== '.') continue;
    const section = trimmed.slice(start, i);
    const segment = sectionSegment(section);
    if (typeof segment === 'string') return { ok: false, reason: segment };
    if (before === '.') {
      const last = segments.at(-1);
      if (last?.kind === 'exact') segments[segments.length - 1] = { kind: 'exact', text: `${last.text}.` };
      else segments.push({ kind: 'dot' });
    }
    if (segment !== undefined) {
      if (before === '/') segments.push({ kind: 'slash' });
      segments.push(segment);
    }
    before = char;
    start = i + 1;
  }
  const wildcard = segments.findIndex((segment) => segment.kind === 'wildcard');
  if (wildcard !== -1 && wildcard !== segments.length - 1) {
    return { ok: false, reason: 'a wildcard may only come last; write `/...` at the end of the route' };
  }
  return { ok: true, pattern: { segments } };
}

function sectionSegment(section: string): Segment | undefined | string {
  if (section === '') return undefined;
  if (section === '*') return { kind: 'wildcard' };
  if (section.startsWith('*')) {
    return `since there can only be one wildcard, it doesn't need a name. replace \`${section}\` with \`*\``;
  }
  if (section === ':') return 'params must be named';
  if (section.startsWith(':')) return { kind: 'param', name: section.slice(1) };
  return { kind: 'exact', text: section };
}

/** Matches a path (no query) against a pattern; `undefined` when it does not match. */
export function matchPattern(pattern: RoutePattern, path: string): PatternCaptures | undefined {
  const { segments } = pattern;
  let rest = path.replace(/^\/+/, '').replace(/\/+$/, '');
  const params: [string, string][] = [];
  let wildcard: string | undefined;
  for (const [i, segment] of segments.entries()) {
    const next = segments[i + 1];
    switch (segment.kind) {
      case 'exact':
        if (!rest.startsWith(segment.text)) return undefined;
        rest = rest.slice(segment.text.length);
        break;
      case 'param': {
        if (rest === '') return undefined;
        let end: number;
        if (next?.kind === 'dot') {
          end = rest.search(/[./]/);
          if (end === -1 || rest[end] !== '.') return undefined;
        } else {
          end = rest.indexOf('/');
          if (end === -1) end = rest.length;
        }
        params.push([segment.name, rest.slice(0, end)]);
        rest = rest.slice(end);
        break;
      }
      case 'wildcard':
        wildcard = rest;
        rest = '';
        break;
      case 'slash':
        if (rest.startsWith('/') && next !== undefined) rest = rest.slice(1);
        else if (!(rest === '' && (next === undefined || next.kind === 'wildcard'))) return undefined;
        break;
      case 'dot':
        if (!rest.startsWith('.')) return undefined;
        rest = rest.slice(1);
        break;
    }
  }
  return rest === '' || rest === '/' ? { params, wildcard } : undefined;
}

/**
 * routefinder's ordering: negative when `a` is tried before `b`. Segment kinds are compared pair
 * by pair from the left (literal before `:param` before `*`), then the pattern with more dots
 * goes first, then the shorter one. Full ties say "after", so among them the first added stays first.
 */
export function comparePatterns(a: RoutePattern, b: RoutePattern): number {
  const shared = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < shared; i += 1) {
    const order = compareSegments(a.segments[i], b.segments[i]);
    if (order !== 0) return -order;
  }
  const dots = countDots(a) - countDots(b);
  if (dots !== 0) return -Math.sign(dots);
  const length = b.segments.length - a.segments.length;
  if (length !== 0) return -Math.sign(length);
  return 1;
}

// routefinder's `Ord for Segment`, kept as it is, asymmetries with `Dot` included.
function compareSegments(a: Segment | undefined, b: Segment | undefined): number {
  if (a === undefined || b === undefined) return 0;
  const separator = (s: Segment) => s.kind === 'slash' || s.kind === 'dot';
  if (a.kind === b.kind || (separator(a) && separator(b))) return 0;
  if (a.kind === 'dot' || a.kind === 'exact') return 1;
  if (a.kind === 'param') return b.kind === 'exact' ? -1 : 1;
  if (a.kind === 'wildcard') return b.kind === 'exact' || b.kind === 'param' ? -1 : 1;
  return -1;
}

function countDots(pattern: RoutePattern): number {
  return pattern.segments.filter((segment) => segment.kind === 'dot').length;
}
