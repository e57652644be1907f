/**
 * A request a WASI 0.3 guest built (preview3-shim's `Request`, as jco's glue lifts it) as the
 * `OutboundRequest` the host's dispatcher delivers: the same shape WASI 0.2's outgoing handler
 * gives it (../http/outgoing-handler.ts), so one policy and one relay serve both.
 */
import { bodyTooLarge, MAX_BUFFERED_BODY_BYTES } from '../../protocol/body-limit.ts';
import { bodySizeError, contentLengthOf, mismatchMessage } from '../http/declared-length.ts';
import { OutboundError, type ErrorCode } from '../http/error-code.ts';
import { methodName, schemeName, type Method, type Scheme } from '../http/methods.ts';
import type { P3Request } from './types.ts';
import { shimInternals } from './shim-internals.ts';

/** The most bytes one read of the guest's body asks for. */
const READ_BYTES = 64 * 1024;

/** A readable byte stream as the glue gives it to the host (`Stream` in jco's glue). */
interface GuestByteStream {
  read(count: number): Promise<{ value?: ArrayLike<number>; done: boolean }>;
}

export interface GuestRequestParts {
  readonly method: string;
  /** Absolute, or the path and query for a request to the app itself (no authority, as in Spin). */
  readonly url: string;
  readonly headers: Headers;
  /**
   * The connect or first-byte timeout the guest set, whichever is earlier (a browser cannot
   * tell the two apart), and the error code it ends in; undefined for none.
   */
  readonly timeout: { readonly ms: number; readonly code: ErrorCode } | undefined;
  /** The guest's body, read to its end once the request goes out; null for none. */
  readonly body: () => Promise<Blob | null>;
}

const NANOS_PER_MILLI = 1_000_000n;

/**
 * The parts of `request`; throws the error code the guest gets for a request that cannot be
 * sent (a path that is no path, a header value fetch refuses).
 */
export function guestRequestParts(request: P3Request): GuestRequestParts {
  const method = methodName(request.getMethod() as Method);
  const path = request.getPathWithQuery() ?? '/';
  if (!path.startsWith('/') && path !== '*') throw { tag: 'HTTP-request-URI-invalid' } satisfies ErrorCode;
  const authority = request.getAuthority();
  const scheme = request.getScheme() as Scheme | undefined;
  const url =
    authority === undefined ? path : `${scheme ? schemeName(scheme) : 'https'}://${authority}${path}`;
  const headers = new Headers();
  const decoder = new TextDecoder();
  try {
    for (const [name, value] of request.getHeaders().copyAll()) headers.append(name, decoder.decode(value));
  } catch (error) {
    throw { tag: 'internal-error', val: (error as Error).message } satisfies ErrorCode;
  }
  const options = request.getOptions();
  const connect = options?.getConnectTimeout() as bigint | undefined;
  const firstByte = options?.getFirstByteTimeout() as bigint | undefined;
  const timeout =
    connect !== undefined && (firstByte === undefined || connect <= firstByte)
      ? { ms: Number(connect / NANOS_PER_MILLI), code: { tag: 'connection-timeout' } as const }
      : firstByte !== undefined
        ? { ms: Number(firstByte / NANOS_PER_MILLI), code: { tag: 'HTTP-response-timeout' } as const }
        : undefined;
  const internals = shimInternals(request);
  const bodyless = method === 'GET' || method === 'HEAD';
  return {
    method,
    url,
    headers,
    timeout,
    async body() {
      const contents = internals._body();
      const blob = contents === undefined || bodyless ? null : await readAll(contents);
      // The guest writes its trailers after its body; a browser cannot send them.
      await internals._trailers();
      // As wasmtime's: a body off its declared content-length is not sent (HTTP-request-body-size).
      const declared = headers.has('content-length')
        ? contentLengthOf([headers.get('content-length') ?? ''])
        : undefined;
      const written = BigInt(blob?.size ?? 0);
      if (blob && declared !== undefined && written !== declared)
        throw new OutboundError(
          bodySizeError('request', written),
          mismatchMessage('request', declared, written),
        );
      return blob;
    },
  };
}

/** The guest's request body, whole (a browser cannot stream an upload), up to MAX_BUFFERED_BODY_BYTES. */
async function readAll(contents: unknown): Promise<Blob> {
  const tooLarge = (): OutboundError => {
    const { message } = bodyTooLarge(
      'An outgoing request body',
      'Send less per request, or split the data over several requests.',
    );
    return new OutboundError(
      { tag: 'HTTP-request-body-size', val: BigInt(MAX_BUFFERED_BODY_BYTES) },
      message,
    );
  };
  if (contents instanceof ReadableStream) {
    const reader = (contents as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let size = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BUFFERED_BODY_BYTES) {
        void reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value as Uint8Array<ArrayBuffer>);
    }
    return new Blob(chunks);
  }
  const stream = contents as GuestByteStream;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await stream.read(READ_BYTES);
    if (done || value === undefined) break;
    size += value.length;
    if (size > MAX_BUFFERED_BODY_BYTES) throw tooLarge();
    chunks.push(Uint8Array.from(value));
  }
  return new Blob(chunks);
}
