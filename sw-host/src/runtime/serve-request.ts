/**
 * Serves one request with one instance of a component: the request goes in through
 * `wasi:http/incoming-handler`, the component's response comes out as a fetch `Response`
 * whose body streams as the guest writes it.
 */
import type { ComponentExports } from '../component/glue.ts';
import { SwerveError } from '../errors.ts';
import { serveIncoming, type IncomingHandle, type IncomingRequestInit } from '../wasi/http/index.ts';

/** An instance's `wasi:http/incoming-handler.handle`. */
export type HandleFunction = IncomingHandle;

/**
 * The component's `handle` function. jco names the export both by its interface name
 * (versioned) and as `incomingHandler`; accept any WASI 0.2 version of the interface.
 */
export function findHandle(exports: ComponentExports, label: string): HandleFunction {
  const key = Object.keys(exports).find((name) => name.startsWith('wasi:http/incoming-handler@0.2'));
  const handler = (key ? exports[key] : exports['incomingHandler']) as
    { handle?: HandleFunction } | undefined;
  if (typeof handler?.handle !== 'function') {
    throw new SwerveError(
      'component-invalid',
      `${label} does not export wasi:http/incoming-handler. Build it as a WASI 0.2 HTTP component.`,
    );
  }
  return handler.handle.bind(handler);
}

/**
 * Runs `request` through an instance's `handle` and resolves with its response as soon as the
 * guest sets it. Rejects with a `guest-failed` SwerveError when the guest traps or returns
 * without a response, and passes on a `deadline-exceeded` one (from the handle of a prepared
 * instance), saying which request and route it stopped; a failure after the response has begun
 * (a deadline included) cuts its body short and goes to `onLateFailure`, as does a guest that
 * answers with an error code instead of a response.
 */
export async function serveRequest(
  handle: HandleFunction,
  request: IncomingRequestInit,
  label: string,
  onLateFailure: (error: SwerveError) => void = () => undefined,
): Promise<Response> {
  const failed = (error: unknown) => requestFailure(error, request, label);
  try {
    return await serveIncoming(handle, request, {
      onLateFailure: (error) => onLateFailure(failed(error)),
      onErrorCode: (code) =>
        onLateFailure(failed(new Error(`it answered with the error ${JSON.stringify(code)}`))),
    });
  } catch (error) {
    throw failed(error);
  }
}

/**
 * What a request's failure is reported as: a `deadline-exceeded` SwerveError (from a deadline)
 * saying which request and route it stopped, or a `guest-failed` one saying what went wrong.
 */
export function requestFailure(error: unknown, request: IncomingRequestInit, label: string): SwerveError {
  const { pathname, search } = new URL(request.url);
  if (error instanceof SwerveError && error.code === 'deadline-exceeded') {
    const route = [...request.headers].find(([name]) => name === 'spin-raw-component-route')?.[1];
    return new SwerveError(
      'deadline-exceeded',
      `${label} was stopped while handling ${request.method} ${pathname}${search}` +
        `${route ? ` (route ${route})` : ''}: ${error.detail}.`,
      { cause: error },
    );
  }
  return new SwerveError(
    'guest-failed',
    `${label} failed while handling ${request.method} ${pathname}${search}: ${describe(error)}`,
    { cause: error },
  );
}

function describe(error: unknown): string {
  if (error instanceof WebAssembly.RuntimeError) return `the component trapped (${error.message})`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The status a failed request is answered with: 504 Gateway Timeout for a guest stopped at its
 * deadline (the host, like a gateway, got no timely answer from it; docs/spin-parity.md), 500
 * for anything else.
 */
export function failureStatus(error: unknown): 500 | 504 {
  return error instanceof SwerveError && error.code === 'deadline-exceeded' ? 504 : 500;
}
