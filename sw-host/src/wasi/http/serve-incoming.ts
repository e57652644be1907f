/**
 * Runs one request through a guest's `wasi:http/incoming-handler.handle` and answers with a fetch
 * `Response` as soon as the guest sets one: its body streams while the guest writes it, so the
 * first server-sent event reaches the page before the handler ends.
 *
 * A response to HEAD, or with a status that has no body (204, 304, ...), carries none; whatever
 * the guest writes to it is dropped, as a server does.
 */
import type { ErrorCode } from './error-code.ts';
import { toHeaders } from './fields.ts';
import {
  IncomingRequest,
  ResponseOutparam,
  responseParts,
  type IncomingRequestInit,
  type ResponseResult,
} from './served-request.ts';

/** `wasi:http/incoming-handler.handle` of one instance. */
export type IncomingHandle = (request: IncomingRequest, responseOut: ResponseOutparam) => unknown;

/** Statuses whose responses never have a body (Fetch's "null body status", and 1xx). */
export const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export interface ServeHooks {
  /** The guest set `err(error-code)` instead of a response: it gets a 500. */
  readonly onErrorCode?: (code: ErrorCode) => void;
  /** The guest failed after its response had begun: the body ends in an error. */
  readonly onLateFailure?: (error: unknown) => void;
}

/**
 * Resolves with the guest's response once it is set; rejects if the guest fails or returns
 * before setting one.
 */
export function serveIncoming(
  handle: IncomingHandle,
  init: IncomingRequestInit,
  hooks: ServeHooks = {},
): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    let set: ResponseResult | undefined;
    const param = new ResponseOutparam((result) => {
      set = result;
      if (result.tag === 'err') {
        hooks.onErrorCode?.(result.val);
        resolve(new Response(null, { status: 500 }));
        return;
      }
      const { status, headers, sink, bodyTaken } = responseParts(result.val);
      const bodyless = init.method === 'HEAD' || NULL_BODY_STATUSES.has(status);
      // The guest can no longer ask for the body of a response it has set.
      const empty = bodyless || !bodyTaken;
      if (empty) sink.discard();
      try {
        const fetchHeaders = toHeaders(headers);
        // A body the guest never asked for is known to be empty: Spin (hyper) says so with
        // `content-length: 0`, and clients rely on it. One it writes streams without a length.
        if (!bodyless && !bodyTaken && !fetchHeaders.has('content-length'))
          fetchHeaders.set('content-length', '0');
        resolve(new Response(empty ? null : sink.stream, { status, headers: fetchHeaders }));
      } catch (error) {
        sink.discard();
        reject(error);
      }
    });

    const finished = (async () => handle(new IncomingRequest(init), param))();
    finished.then(
      () => {
        if (set === undefined) {
          reject(new Error('the component returned without setting a response'));
          return;
        }
        if (set.tag !== 'ok') return;
        // A body the guest still holds when `handle` returns ends there, cleanly: wasmtime ends it
        // so when the instance goes away (only a body the guest drops unfinished is corrupt).
        // StarlingMonkey answers a rejected respondWith so: a 500 whose body it never finishes.
        responseParts(set.val).sink.close();
      },
      (error: unknown) => {
        if (set === undefined) {
          reject(error);
          return;
        }
        if (set.tag === 'ok')
          responseParts(set.val).sink.fail(error instanceof Error ? error : new Error(String(error)));
        hooks.onLateFailure?.(error);
      },
    );
  });
}
