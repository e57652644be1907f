/**
 * `wasi:http/outgoing-handler.handle`: turns the request a guest built into an `OutboundRequest`
 * for the host's dispatcher, and its answer into a `future-incoming-response`.
 *
 * `handle` itself is synchronous, as WASI defines it: it returns a future at once, and the guest
 * waits on the future's pollable (`wasi:io/poll`, which JSPI suspends). The request goes out when
 * the guest has finished its body.
 */
import { errorCodeOf, OutboundError, type ErrorCode } from './error-code.ts';
import { toHeaders } from './fields.ts';
import { methodName, schemeName } from './methods.ts';
import type { OutboundDispatcher } from './outbound-dispatcher.ts';
import { requestTarget } from './path-with-query.ts';
import {
  FutureIncomingResponse,
  IncomingResponse,
  requestParts,
  type OutgoingRequest,
  type RequestOptions,
} from './sent-request.ts';

const NANOS_PER_MILLI = 1_000_000n;

/** How long a request may wait for its response headers unless the guest says otherwise. */
export const DEFAULT_TIMEOUT_MS = 600_000;

/** The `outgoing-handler` interface of one instance. */
export function createOutgoingHandler(dispatcher: OutboundDispatcher) {
  return {
    handle(request: OutgoingRequest, options: RequestOptions | undefined): FutureIncomingResponse {
      const parts = requestParts(request);
      const method = methodName(parts.method);
      // `?x=1` is the root path's query, as wasmtime builds the URI; none at all is `/`.
      const path = requestTarget(parts.pathWithQuery ?? '/');
      if (path === '*') throw { tag: 'HTTP-request-URI-invalid' } satisfies ErrorCode;
      // No authority: a request to the app itself, as in Spin.
      const url =
        parts.authority === undefined
          ? path
          : `${parts.scheme ? schemeName(parts.scheme) : 'https'}://${parts.authority}${path}`;
      let headers: Headers;
      try {
        headers = toHeaders(parts.headers);
      } catch (error) {
        throw { tag: 'internal-error', val: (error as Error).message } satisfies ErrorCode;
      }

      const controller = new AbortController();
      const timeout = timeoutOf(options);
      const timer = setTimeout(
        () => controller.abort(new OutboundError(timeout.code, timeout.message)),
        timeout.ms,
      );
      const bodyless = method === 'GET' || method === 'HEAD';
      const outcome = (async () => {
        try {
          const body = parts.body && !bodyless ? await parts.body : null;
          const response = await dispatcher.send({ method, url, headers, body, signal: controller.signal });
          return { tag: 'ok', val: new IncomingResponse(response) } as const;
        } catch (error) {
          const reason = controller.signal.aborted ? controller.signal.reason : error;
          return { tag: 'err', val: errorCodeOf(reason) } as const;
        } finally {
          clearTimeout(timer);
        }
      })();
      return new FutureIncomingResponse(outcome, () =>
        controller.abort(new Error('the component dropped the request')),
      );
    },
  };
}

function timeoutOf(options: RequestOptions | undefined): { ms: number; code: ErrorCode; message: string } {
  // The browser cannot tell connecting from waiting for the first byte: the earlier one applies.
  const connect = options?.connectTimeout();
  const firstByte = options?.firstByteTimeout();
  if (connect !== undefined && (firstByte === undefined || connect <= firstByte)) {
    return {
      ms: Number(connect / NANOS_PER_MILLI),
      code: { tag: 'connection-timeout' },
      message: 'connect timeout',
    };
  }
  if (firstByte !== undefined) {
    return {
      ms: Number(firstByte / NANOS_PER_MILLI),
      code: { tag: 'HTTP-response-timeout' },
      message: 'first-byte timeout',
    };
  }
  return { ms: DEFAULT_TIMEOUT_MS, code: { tag: 'connection-timeout' }, message: 'timeout' };
}
