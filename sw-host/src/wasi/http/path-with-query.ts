/**
 * An outgoing request's `path-with-query`, accepted as wasmtime accepts it: it parses the value
 * as the `http` crate's `PathAndQuery`. That takes `*`, or a value starting with `/`, `?` or `#`
 * (`?x=1` is the query of the root path), with the bytes RFC 3986 allows plus those clients send
 * unencoded anyway (`"`, `{`, `}` in the path; most of ASCII in the query; any non-ASCII
 * character), and drops a `#fragment`. Anything else would change meaning on the way out.
 */

/** ASCII bytes a path may hold as they are (`http` crate, `scan_path_and_query`). */
function pathByte(code: number): boolean {
  return (
    code === 0x21 ||
    (code >= 0x24 && code <= 0x3b) ||
    code === 0x3d ||
    (code >= 0x40 && code <= 0x5f) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x7c ||
    code === 0x7e ||
    code === 0x22 ||
    code === 0x7b ||
    code === 0x7d
  );
}

/** ASCII bytes a query may hold as they are. */
function queryByte(code: number): boolean {
  return code === 0x21 || (code >= 0x24 && code <= 0x3b) || code === 0x3d || (code >= 0x3f && code <= 0x7e);
}

/** Whether wasmtime's `set-path-with-query` accepts `value`. */
export function isPathWithQuery(value: string): boolean {
  if (value === '*') return true;
  if (!/^[/?#]/.test(value)) return false;
  let inQuery = false;
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '#') return true;
    if (code > 0x7f) continue;
    if (!inQuery && char === '?') {
      inQuery = true;
      continue;
    }
    if (!(inQuery ? queryByte(code) : pathByte(code))) return false;
  }
  return true;
}

/**
 * The path and query as they go on the wire, for a value `isPathWithQuery` accepted: the
 * fragment dropped, an empty path made `/`, and a backslash in the path percent-encoded (a URL
 * parser would turn it into `/`, a different path; wasmtime sends it as it is).
 */
export function requestTarget(pathWithQuery: string): string {
  const withoutFragment = pathWithQuery.split('#', 1)[0] ?? '';
  const queryAt = withoutFragment.indexOf('?');
  const path = queryAt === -1 ? withoutFragment : withoutFragment.slice(0, queryAt);
  const query = queryAt === -1 ? '' : withoutFragment.slice(queryAt);
  return `${(path || '/').replaceAll('\\', '%5C')}${query}`;
}
