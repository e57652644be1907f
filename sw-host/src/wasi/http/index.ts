/**
 * Swerve's `wasi:http`: `types` with bodies that stream both ways, and an `outgoing-handler`
 * that hands each request to the host's `OutboundDispatcher`. Replaces preview2-shim's browser
 * `http`, which buffers bodies and can only `fetch`.
 */
import type * as HttpTypes from '../../capabilities/wit-types/http-wasi-p2/interfaces/wasi-http-types.js';
import type * as OutgoingHandler from '../../capabilities/wit-types/http-wasi-p2/interfaces/wasi-http-outgoing-handler.js';
import type { HostSide } from '../../capabilities/host-side.ts';
import { IncomingBody, OutgoingBody, FutureTrailers } from './bodies.ts';
import { httpErrorCodeOf } from './declared-length.ts';
import { Fields } from './fields.ts';
import { createOutgoingHandler } from './outgoing-handler.ts';
import type { OutboundDispatcher } from './outbound-dispatcher.ts';
import { FutureIncomingResponse, IncomingResponse, OutgoingRequest, RequestOptions } from './sent-request.ts';
import { IncomingRequest, OutgoingResponse, ResponseOutparam } from './served-request.ts';

export const types = {
  Fields,
  FutureIncomingResponse,
  FutureTrailers,
  IncomingBody,
  IncomingRequest,
  IncomingResponse,
  OutgoingBody,
  OutgoingRequest,
  OutgoingResponse,
  RequestOptions,
  ResponseOutparam,
  /**
   * `http-error-code(err: borrow<io-error>) -> option<error-code>`: a write past a body's
   * content-length carries its body-size code; other stream errors carry none.
   */
  httpErrorCode: httpErrorCodeOf,
} satisfies HostSide<typeof HttpTypes>;

/** The `wasi:http` shim for one instance, in the shape preview2-shim's `WASIShim` takes. */
export function createHttp(dispatcher: OutboundDispatcher) {
  return {
    types,
    outgoingHandler: createOutgoingHandler(dispatcher) satisfies HostSide<typeof OutgoingHandler>,
    // A component never calls its own export through the import; Spin does not provide it.
    incomingHandler: {
      handle() {
        throw new Error('wasi:http/incoming-handler is not an import Swerve provides.');
      },
    },
  };
}

export { OutboundError, errorCodeOf, type ErrorCode } from './error-code.ts';
export type { OutboundDispatcher, OutboundRequest } from './outbound-dispatcher.ts';
export { serveIncoming, type IncomingHandle, type ServeHooks } from './serve-incoming.ts';
export type { IncomingRequestInit } from './served-request.ts';
