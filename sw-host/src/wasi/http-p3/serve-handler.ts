/**
 * Serves one request with a WASI 0.3 handler: the request goes in as a 0.3 `request`, and the
 * response comes out as soon as the guest returns it (its task may go on writing the body).
 */
import { toFetchResponse, type ServedResponse } from './outgoing-response.ts';
import { p3Types, toP3Request, type P3Request, type P3Response } from './types.ts';
import type { IncomingRequestInit } from '../http/served-request.ts';

/** An instance's `wasi:http/handler@0.3.x.handle`, as jco's glue exports it. */
export type P3Handle = (request: P3Request) => Promise<P3Response>;

/**
 * What a handler that returned `err(error-code)` rejects with: jco's glue (with
 * `noComponentErrorWrapping`) throws the error-code variant itself.
 */
export class P3ErrorCode extends Error {
  constructor(readonly code: unknown) {
    super(`it answered with the error ${JSON.stringify(code)}`);
  }
}

function isErrorCode(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Error) &&
    typeof (value as { tag?: unknown }).tag === 'string'
  );
}

/**
 * Calls `handle` with `init` and resolves with the response once the guest returns one.
 * Rejects with a `P3ErrorCode` when the guest answers with an error code, with what it threw
 * when it traps, and with an Error when what it returns is no response.
 */
export async function serveP3Request(handle: P3Handle, init: IncomingRequestInit): Promise<ServedResponse> {
  let returned: unknown;
  try {
    returned = await handle(toP3Request(init));
  } catch (error) {
    throw isErrorCode(error) ? new P3ErrorCode(error) : error;
  }
  if (!(returned instanceof p3Types.Response)) throw new Error('its handler returned no response');
  return toFetchResponse(returned, init.method);
}

/**
 * The `handle` of an instance's `wasi:http/handler@0.3.x` export: jco names the export by its
 * versioned interface name (and as `handler`); any 0.3 version, release candidates included.
 */
export function findP3Handle(exports: Record<string, unknown>, label: string): P3Handle {
  const key = Object.keys(exports).find((name) => name.startsWith('wasi:http/handler@0.3'));
  const handler = (key ? exports[key] : exports['handler']) as { handle?: P3Handle } | undefined;
  if (typeof handler?.handle !== 'function')
    throw new Error(`${label} does not export wasi:http/handler@0.3.x`);
  return handler.handle.bind(handler);
}
