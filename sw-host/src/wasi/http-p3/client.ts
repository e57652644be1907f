/**
 * `wasi:http/client@0.3.0`, what Spin 4 gives WASI 0.3 components for outgoing HTTP:
 * `send: async func(request) -> result<response, error-code>`. The request goes through the
 * same `OutboundDispatcher` as WASI 0.2's outgoing handler (the app's `allowed_outbound_hosts`,
 * requests to the app itself served in process, `swerve up`'s relay, the browser's fetch), and
 * a denied host is `HTTP-request-denied` with the host's warning naming the entry to add.
 *
 * preview3-shim's browser `client` sends through preview2-shim's (synchronous) HTTP and knows
 * nothing of an app's policy, so it is not used; its `Request` and `Response` are, being the
 * classes the glue checks handles against. jco's glue awaits `send` and lowers a thrown plain
 * object as `err(error-code)`; the guest called it with `[async-lower]` and goes on meanwhile.
 */
import type * as Client from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-http-client.js';
import type { HostSide } from '../../capabilities/host-side.ts';
import { errorCodeOf, OutboundError, type ErrorCode } from '../http/error-code.ts';
import { hostFields } from '../http/fields.ts';
import type { OutboundDispatcher } from '../http/outbound-dispatcher.ts';
import { DEFAULT_TIMEOUT_MS } from '../http/outgoing-handler.ts';
import { guestRequestParts } from './client-request.ts';
import { shimInternals } from './shim-internals.ts';
import { p3Types, type P3Request, type P3Response } from './types.ts';

type P3FieldsInit = ConstructorParameters<typeof p3Types.Fields>[0];

/**
 * The `wasi:http/client` import of one WASI 0.3 instance. `dispatcher` is asked at each
 * request: the instance serves many requests, and what serves the app's own URLs belongs to
 * the request being served.
 */
export function createP3Client(dispatcher: () => OutboundDispatcher) {
  return {
    send: (request: P3Request): Promise<P3Response> => send(dispatcher(), request),
  } satisfies HostSide<typeof Client>;
}

async function send(dispatcher: OutboundDispatcher, request: P3Request): Promise<P3Response> {
  const transmitted = shimInternals(request);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const parts = guestRequestParts(request);
    const { ms, code } = parts.timeout ?? { ms: DEFAULT_TIMEOUT_MS, code: { tag: 'connection-timeout' } };
    timer = setTimeout(() => controller.abort(new OutboundError(code, 'timeout')), ms);
    const body = await parts.body();
    const response = await dispatcher.send({
      method: parts.method,
      url: parts.url,
      headers: parts.headers,
      body,
      signal: controller.signal,
    });
    // The body went out with the request (a denied or failed one did not).
    transmitted._resolve({ tag: 'ok', val: undefined });
    return toP3Response(response);
  } catch (error) {
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
    // What guestRequestParts throws is already the guest's error code.
    const code = reason instanceof Error ? errorCodeOf(reason) : (reason as ErrorCode);
    transmitted._resolve({ tag: 'err', val: code });
    // A plain object: the glue's `err(error-code)`.
    throw code;
  } finally {
    clearTimeout(timer);
  }
}

/** A fetch `Response` as the 0.3 `response` the guest gets: its body streams as it arrives. */
function toP3Response(response: Response): P3Response {
  const headers = new p3Types.Fields(hostFields(response.headers) as unknown as P3FieldsInit);
  const noTrailers = Promise.resolve({ tag: 'ok', val: undefined } as const);
  const [guest] = p3Types.Response.new(
    headers,
    (response.body ?? undefined) as unknown as Parameters<typeof p3Types.Response.new>[1],
    noTrailers,
  );
  guest.setStatusCode(response.status);
  return guest;
}
