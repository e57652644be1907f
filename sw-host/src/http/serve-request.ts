/**
 * Serves one request with one instance of a component: the request goes in through
 * `wasi:http/incoming-handler`, the component's response comes out as a fetch `Response`.
 */
import { handleIncomingRequest } from '@bytecodealliance/preview2-shim/http';
import type { ComponentExports } from '../component/glue.ts';
import { SwerveError } from '../errors.ts';

/** An instance's `wasi:http/incoming-handler.handle`. */
export type HandleFunction = (request: unknown, responseOut: unknown) => void | Promise<void>;

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
 * Runs `request` through an instance's `handle`. Rejects with a `guest-failed` SwerveError when
 * the guest traps or returns without a response, and passes on a `deadline-exceeded` one (from
 * the handle of a prepared instance), saying which request and route it stopped.
 */
export async function serveRequest(
  handle: HandleFunction,
  request: Request,
  label: string,
): Promise<Response> {
  try {
    return await handleIncomingRequest(request, (incoming, responseOut) => handle(incoming, responseOut));
  } catch (error) {
    const { pathname, search } = new URL(request.url);
    if (error instanceof SwerveError && error.code === 'deadline-exceeded') {
      const route = request.headers.get('spin-raw-component-route');
      throw new SwerveError(
        'deadline-exceeded',
        `${label} was stopped while handling ${request.method} ${pathname}${search}` +
          `${route ? ` (route ${route})` : ''}: ${error.message.replace(/^\[swerve\] /, '')}.`,
        { cause: error },
      );
    }
    throw new SwerveError(
      'guest-failed',
      `${label} failed while handling ${request.method} ${pathname}${search}: ${describe(error)}`,
      { cause: error },
    );
  }
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
