/**
 * Serves one request with a fresh instance of a component: the request goes in through
 * `wasi:http/incoming-handler`, the component's response comes out as a fetch `Response`.
 */
import { handleIncomingRequest } from '@bytecodealliance/preview2-shim/http';
import type { ComponentExports } from '../component/glue.ts';
import type { LoadedComponent } from '../component/loaded-component.ts';
import { SwerveError } from '../errors.ts';

type HandleFunction = (request: unknown, responseOut: unknown) => void | Promise<void>;

/** How long the request spent in each step, in milliseconds. */
export interface RequestTimings {
  instantiateMs: number;
  handleMs: number;
}

/**
 * The component's `handle` function. jco names the export both by its interface name
 * (versioned) and as `incomingHandler`; accept any WASI 0.2 version of the interface.
 */
function findHandle(exports: ComponentExports, label: string): HandleFunction {
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
 * Runs `request` through a new instance of `component`, made with `imports` (which must be
 * made for this instance alone). Rejects with a `guest-failed`
 * SwerveError when the guest traps or returns without a response.
 */
export async function serveRequest(
  component: LoadedComponent,
  request: Request,
  imports: Record<string, unknown>,
): Promise<{ response: Response; timings: RequestTimings }> {
  const started = performance.now();
  const exports = await component.instantiate(imports);
  const handle = findHandle(exports, component.label);
  const instantiated = performance.now();
  try {
    const response = await handleIncomingRequest(request, (incoming, responseOut) =>
      handle(incoming, responseOut),
    );
    const timings = { instantiateMs: instantiated - started, handleMs: performance.now() - instantiated };
    return { response, timings };
  } catch (error) {
    const { pathname, search } = new URL(request.url);
    throw new SwerveError(
      'guest-failed',
      `${component.label} failed while handling ${request.method} ${pathname}${search}: ${describe(error)}`,
      { cause: error },
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof WebAssembly.RuntimeError) return `the component trapped (${error.message})`;
  if (error instanceof Error) return error.message;
  return String(error);
}
