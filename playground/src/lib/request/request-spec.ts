/** A request as the console composes it, and the same request as shell and JavaScript code. */

export interface RequestSpec {
  method: string;
  /** Path and query at the app's origin: `/todos?done=1`. */
  path: string;
  /** One `name: value` per line. */
  headers: string;
  body: string;
}

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Methods whose requests carry no body. */
export function hasBody(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/** The header lines as pairs; lines without a colon are ignored. */
export function parseHeaders(text: string): [string, string][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes(':'))
    .map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()] as [string, string];
    })
    .filter(([name]) => name.length > 0);
}

/** `/x` → `/x`, `x` → `/x`. */
export function normaliseRequestPath(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

/**
 * `text` as one POSIX shell word: single-quoted, in which the shell expands nothing (no `$`,
 * backticks, `!` or globs), with each `'` closed, escaped and reopened.
 */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The request as a curl command line against `origin`. Every word that comes from the request
 * is quoted, the method too: a request can come from a stranger's link, and what is pasted into
 * a terminal must run curl and nothing else.
 */
export function toCurl(spec: RequestSpec, origin: string): string {
  const parts = ['curl'];
  // A method of letters only means nothing to a shell, and reads as `-X POST`; anything else is quoted.
  if (spec.method !== 'GET')
    parts.push('-X', /^[A-Za-z]+$/.test(spec.method) ? spec.method : shellQuote(spec.method));
  for (const [name, value] of parseHeaders(spec.headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (hasBody(spec.method) && spec.body) parts.push('--data-raw', shellQuote(spec.body));
  parts.push(shellQuote(origin + normaliseRequestPath(spec.path)));
  return parts.join(' ');
}

/** The request as a `fetch` call against `origin`. */
export function toFetch(spec: RequestSpec, origin: string): string {
  const init: Record<string, unknown> = {};
  if (spec.method !== 'GET') init['method'] = spec.method;
  const headers = parseHeaders(spec.headers);
  if (headers.length) init['headers'] = Object.fromEntries(headers);
  if (hasBody(spec.method) && spec.body) init['body'] = spec.body;
  const url = JSON.stringify(origin + normaliseRequestPath(spec.path));
  return Object.keys(init).length
    ? `await fetch(${url}, ${JSON.stringify(init, null, 2)});`
    : `await fetch(${url});`;
}
