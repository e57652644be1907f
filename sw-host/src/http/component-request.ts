/**
 * The request a component receives: the path and query as the app sees them (mount removed),
 * the headers the browser sent plus `host` and Spin's `spin-*` headers.
 *
 * preview2-shim's `handleIncomingRequest` reads only `url`, `method`, `headers`, `body`,
 * `clone()` and `arrayBuffer()` of the request it is given. We give it that shape rather than a
 * `new Request(...)`, because a Request silently drops "forbidden" headers such as `host`, which
 * Spin passes to components and which components use to build absolute URLs.
 */
export interface ComponentRequestInit {
  /** The URL the component sees: same origin, path and query within the app. */
  url: URL;
  method: string;
  /** The headers the browser sent. */
  headers: Headers;
  /** The request body, read in full; null for none. */
  body: Uint8Array | null;
  /** Headers to add or replace (`host`, `spin-*`). */
  extraHeaders: readonly (readonly [string, string])[];
}

export function componentRequest(init: ComponentRequestInit): Request {
  const headers = new Headers(init.headers);
  for (const [name, value] of init.extraHeaders) headers.set(name, value);
  const body = init.body && init.body.byteLength > 0 ? init.body : null;
  const view = {
    url: init.url.href,
    method: init.method,
    headers,
    body,
    clone: () => view,
    arrayBuffer: async () => (body ? body.slice().buffer : new ArrayBuffer(0)),
  };
  return view as unknown as Request;
}
