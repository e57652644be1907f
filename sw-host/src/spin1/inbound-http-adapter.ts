/**
 * Runs a Spin 1 HTTP module as if it were a WASI 0.2 HTTP component: the host's side of what
 * spin-componentize does with such a module for Spin 2 and later. It stands where jco's glue
 * stands for a component (component/loaded-component.ts): given the instance's imports, it
 * instantiates the core module (with `wasi_snapshot_preview1` and `spin-config` over those
 * imports) and exports `wasi:http/incoming-handler`, whose `handle` reads the whole request,
 * lowers it into the guest's memory, calls `handle-http-request`, lifts the response and sets
 * it. So a Spin 1 module gets everything a component gets from the executor: a fresh instance
 * per request (as Spin 1 gave), its deadline (the module is instrumented like every core
 * module), memory pools, guest workers, and the same log lines.
 */
import type { ImportObject } from '../capabilities/host-side.ts';
import { SPIN1_MODULE_FILE } from './artifacts.ts';
import { GuestMemory, type GuestRealloc } from './guest-memory.ts';
import {
  freeResponse,
  liftResponse,
  lowerRequest,
  spin1Method,
  type Spin1Method,
  type Spin1Response,
} from './inbound-http-abi.ts';
import { PREVIEW1_MODULE, SPIN_CONFIG_MODULE } from './module-check.ts';
import { preview1HostFrom } from './preview1-host.ts';
import { preview1Imports, ProcExit } from './preview1.ts';
import { spinConfigImports, type VariablesGet } from './spin-config.ts';
import type { HttpTypes, IncomingRequestLike, ResponseOutparamLike } from './wasi-http-types.ts';

/** The handler's export, keyed as jco keys a component's (runtime/serve-request.ts finds it). */
const HANDLER_EXPORT = 'wasi:http/incoming-handler@0.2.0';
/** Spin answers a method its 1.x ABI cannot name (CONNECT, TRACE, ...) so, without the guest. */
const METHOD_NOT_ALLOWED = 405;
const WRITE_CHUNK = 4096;
const READ_CHUNK = 65_536n;
/** Statuses whose responses have no body, so no `content-length` either. */
const NO_LENGTH = new Set([204, 304]);

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Same shape as jco's `instantiate(getCoreModule, imports, instantiateCore)`. */
export function instantiateSpin1(
  getCoreModule: (name: string) => WebAssembly.Module,
  imports: ImportObject,
  instantiateCore: (module: WebAssembly.Module, imports?: WebAssembly.Imports) => WebAssembly.Instance,
): Record<string, unknown> {
  const module = getCoreModule(SPIN1_MODULE_FILE);
  // Its memory is known once it is instantiated; a start function that calls WASI is too early.
  const instanceState: { guest?: GuestMemory } = {};
  const memory = () => {
    if (!instanceState.guest) throw new Error('the Spin 1 module used WASI before its instance existed');
    return instanceState.guest;
  };
  const variables = imports['fermyon:spin/variables'] as { get: VariablesGet };
  const instance = instantiateCore(module, {
    [PREVIEW1_MODULE]: preview1Imports(preview1HostFrom(imports), () => memory().memory),
    [SPIN_CONFIG_MODULE]: spinConfigImports((name) => variables.get(name), memory),
  });
  const exports = instance.exports;
  instanceState.guest = new GuestMemory(
    exports['memory'] as WebAssembly.Memory,
    exports['canonical_abi_realloc'] as GuestRealloc,
  );
  initialize(exports);
  const types = imports['wasi:http/types'] as HttpTypes;
  const handle = exports['handle-http-request'] as (...args: number[]) => number;
  const free = exports['canonical_abi_free'] as ((p: number, l: number, a: number) => void) | undefined;
  const call = (request: IncomingRequestLike, body: Uint8Array, method: Spin1Method) => {
    const guestMemory = memory();
    const args = lowerRequest(guestMemory, {
      method,
      uri: request.pathWithQuery() ?? '/',
      headers: request
        .headers()
        .entries()
        .map(([name, value]) => [name, decoder.decode(value)] as const),
      // Spin stopped passing route parameters here (fermyon/spin#663); the list stays, empty.
      params: [],
      body,
    });
    const pointer = guardExit(() => handle(...args)) >>> 0;
    const response = liftResponse(guestMemory, pointer);
    if (typeof free === 'function') freeResponse(guestMemory, pointer, free);
    return response;
  };
  return {
    [HANDLER_EXPORT]: {
      async handle(request: IncomingRequestLike, out: ResponseOutparamLike): Promise<void> {
        const method = spin1Method(methodName(request));
        if (!method) {
          await respond(types, out, { status: METHOD_NOT_ALLOWED, headers: undefined, body: undefined });
          return;
        }
        const body = await readBody(request);
        await respond(types, out, call(request, body, method));
      },
    },
  };
}

/**
 * Runs the module's initialisation: a reactor's `_initialize`, or a command's `_start` (TinyGo
 * builds Spin 1 handlers as commands whose `init` registers the handler), whose `proc_exit(0)`
 * means it is done.
 */
function initialize(exports: WebAssembly.Exports): void {
  const start = exports['_initialize'] ?? exports['_start'];
  if (typeof start !== 'function') return;
  try {
    (start as () => void)();
  } catch (error) {
    if (!(error instanceof ProcExit && error.code === 0)) throw error;
  }
}

/** A `proc_exit` while handling is a failure, as in Spin (wasmtime traps the call). */
function guardExit<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ProcExit) {
      throw new Error(`${error.message} while handling the request`, { cause: error });
    }
    throw error;
  }
}

function methodName(request: IncomingRequestLike): string {
  const method = request.method();
  return method.tag === 'other' ? (method.val ?? '') : method.tag.toUpperCase();
}

/** The whole request body: Spin 1's ABI passes it as one list. */
async function readBody(request: IncomingRequestLike): Promise<Uint8Array> {
  const stream = request.consume().stream();
  const chunks: Uint8Array[] = [];
  for (;;) {
    let chunk: Uint8Array;
    try {
      chunk = await stream.blockingRead(READ_CHUNK);
    } catch (error) {
      if ((error as { tag?: unknown } | undefined)?.tag === 'closed') break;
      throw error;
    }
    chunks.push(chunk);
  }
  const body = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * Sets the lifted response, as Spin's 1.x executor answers it: a status outside 100-599 is a
 * failure (Spin answers 500), and the length of the whole body is known, so it is sent.
 */
async function respond(types: HttpTypes, out: ResponseOutparamLike, response: Spin1Response): Promise<void> {
  const { status, headers = [], body } = response;
  if (status < 100 || status > 599) {
    throw new Error(`it answered with the status ${status}, which is not an HTTP status (100-599)`);
  }
  const fields = new types.Fields();
  for (const [name, value] of headers) {
    try {
      fields.append(name, encoder.encode(value));
    } catch (error) {
      throw new Error(`its response header ${JSON.stringify(name)} is not a header a response may carry`, {
        cause: error,
      });
    }
  }
  if (
    !NO_LENGTH.has(status) &&
    status >= 200 &&
    !headers.some(([name]) => name.toLowerCase() === 'content-length')
  ) {
    fields.append('content-length', encoder.encode(String(body?.byteLength ?? 0)));
  }
  const outgoing = new types.OutgoingResponse(fields);
  outgoing.setStatusCode(status);
  const outgoingBody = outgoing.body();
  types.ResponseOutparam.set(out, { tag: 'ok', val: outgoing });
  if (body?.byteLength) {
    const stream = outgoingBody.write();
    for (let at = 0; at < body.byteLength; at += WRITE_CHUNK) {
      await stream.blockingWriteAndFlush(body.subarray(at, at + WRITE_CHUNK));
    }
  }
  types.OutgoingBody.finish(outgoingBody, undefined);
}
