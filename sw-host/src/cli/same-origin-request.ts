/**
 * Whether a request that makes the `swerve up` server act (print to the terminal, relay a
 * component's request) was sent by a page or worker of the origin it serves.
 *
 * Any page may send a "simple" cross-origin POST (`mode: 'no-cors'`, a text body, no custom
 * headers) without asking: the browser sends it and only hides the answer. So such an endpoint
 * requires what a browser marks and a page cannot forge: `Sec-Fetch-Site: same-origin`, and an
 * `Origin` whose host is the request's own `Host` (checked against the names served by
 * cli/host-check.ts). Asking for a JSON content type or a custom header as well makes any
 * cross-origin attempt need a preflight, which the server never grants. A client that is not a
 * browser sends none of these marks and is refused too: it is not the app's worker.
 */
import type { RequestHeaders } from './up-routes.ts';

function single(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Undefined when the request is the served origin's own; else why not, for the refusal. */
export function sameOriginRefusal(
  headers: RequestHeaders,
  options: { json?: boolean } = {},
): string | undefined {
  const site = single(headers, 'sec-fetch-site');
  if (site !== 'same-origin') {
    return site
      ? `a ${site} request: only the app's own pages and worker may use it`
      : 'a request without the browser marks of a page of this origin (Sec-Fetch-Site: same-origin)';
  }
  const origin = single(headers, 'origin');
  let originHost: string | undefined;
  try {
    originHost = origin ? new URL(origin).host : undefined;
  } catch {
    originHost = undefined;
  }
  const host = single(headers, 'host')?.toLowerCase();
  if (!originHost || originHost !== host) {
    return `a request from ${origin ?? 'no origin'}, not from ${host ?? 'this server'}`;
  }
  if (options.json) {
    const type = single(headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return `a ${type ?? 'untyped'} body, not application/json`;
  }
  return undefined;
}
