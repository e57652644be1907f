/**
 * `wasi:http/types@0.3` as the host gives it to jco's glue: preview3-shim's browser resources
 * (`Fields`, `Request`, `RequestOptions`, `Response`), the classes the glue checks the handles
 * it is given against, and the one place requests from the page become 0.3 requests.
 *
 * preview3-shim keeps a body as whatever it was given: the host hands a request's body over as
 * the page's `ReadableStream`, and gets a guest's response body back as the glue's stream end
 * (see outgoing-response.ts).
 */
import { types } from '@bytecodealliance/preview3-shim/http';
import type * as HttpTypes from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-http-types.js';
import type { HostSide } from '../../capabilities/host-side.ts';
import { hostFields } from '../http/fields.ts';
import { toMethod, toScheme } from '../http/methods.ts';
import type { IncomingRequestInit } from '../http/served-request.ts';

export type P3Request = InstanceType<typeof types.Request>;
export type P3Response = InstanceType<typeof types.Response>;

/** The `wasi:http/types` import of a WASI 0.3 component's glue. */
export const p3Types = types satisfies HostSide<typeof HttpTypes>;

type P3FieldsInit = ConstructorParameters<typeof types.Fields>[0];

/**
 * The request a WASI 0.3 handler is called with: method, path and query, scheme and authority
 * from the URL, every header (`host` and `spin-*` included: preview3-shim's `fromList` would
 * refuse `host` as a guest's header, so the fields are made as the 0.2 host makes them), the
 * page's body as it arrives, and no trailers (a browser sends none).
 */
export function toP3Request(init: IncomingRequestInit): P3Request {
  const url = new URL(init.url);
  const headers = new types.Fields(hostFields(init.headers) as unknown as P3FieldsInit);
  const noTrailers = Promise.resolve({ tag: 'ok', val: undefined } as const);
  const [request] = types.Request.new(
    headers,
    (init.body ?? undefined) as unknown as Parameters<typeof types.Request.new>[1],
    noTrailers,
    undefined,
  );
  request.setMethod(toMethod(init.method) as ReturnType<P3Request['getMethod']>);
  request.setPathWithQuery(`${url.pathname}${url.search}`);
  request.setScheme(toScheme(url.protocol) as ReturnType<P3Request['getScheme']>);
  request.setAuthority(url.host);
  return request;
}
