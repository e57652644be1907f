/**
 * The request a component receives: the path and query as the app sees them (mount removed),
 * the headers the browser sent plus `host` and Spin's `spin-*` headers, `content-length` when
 * the body's length can be known (request-body-length.ts: a body up to a bound is read first
 * to learn it; a longer one streams into the guest unsized).
 *
 * It is a plain description rather than a `new Request(...)`, because a Request silently drops
 * "forbidden" headers such as `host`, which Spin passes to WASI 0.3 components and Spin 1 modules
 * and which they use to build absolute URLs (a WASI 0.2 guest is not shown it, as under
 * wasmtime: wasi/http/fields.ts `receivedFields`).
 */
import type { IncomingRequestInit } from '../wasi/http/index.ts';
import { sizeRequestBody } from './request-body-length.ts';

export interface ComponentRequestInit {
  /** The URL the component sees: same origin, path and query within the app. */
  url: URL;
  method: string;
  /** The headers the browser sent. */
  headers: Headers;
  /** The request body as it arrives; null for none. */
  body: ReadableStream<Uint8Array> | null;
  /** Headers to add or replace (`host`, `spin-*`). */
  extraHeaders: readonly (readonly [string, string])[];
}

export async function componentRequest(init: ComponentRequestInit): Promise<IncomingRequestInit> {
  const headers = new Map<string, string>();
  init.headers.forEach((value, name) => headers.set(name, value));
  for (const [name, value] of init.extraHeaders) headers.set(name.toLowerCase(), value);
  // A length the request states (from a client that is not a browser) is passed as it is.
  if (headers.has('content-length')) {
    return { url: init.url.href, method: init.method, headers: [...headers], body: init.body };
  }
  const { body, length } = await sizeRequestBody(init.method, init.body);
  if (length !== undefined) headers.set('content-length', String(length));
  return { url: init.url.href, method: init.method, headers: [...headers], body };
}
