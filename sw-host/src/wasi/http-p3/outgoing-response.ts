/**
 * A WASI 0.3 handler's response as a fetch `Response`: its status and headers, and a body that
 * streams as the guest writes it. What the guest returns is preview3-shim's `Response` holding
 * the glue's readable stream end (`read(count)` resolves with `{ value, done }` as soon as some
 * bytes are there) and its trailers' future.
 *
 * A response to HEAD, or with a status that has no body (204, 304, ...), carries none: its body
 * stream is dropped at once, so the guest's writes end (as DROPPED) and its task can finish.
 * Trailers are read and dropped: a browser can neither send nor read them.
 */
import { bodySizeError, contentLengthOf, mismatchMessage } from '../http/declared-length.ts';
import { OutboundError } from '../http/error-code.ts';
import { NULL_BODY_STATUSES } from '../http/serve-incoming.ts';
import { p3Types, type P3Response } from './types.ts';

/** The most bytes one read of the guest's body asks for. */
const READ_BYTES = 64 * 1024;

/** A readable byte stream as the glue gives it to the host (`Stream` in jco's glue). */
interface GuestByteStream {
  read(count: number): Promise<{ value?: ArrayLike<number>; done: boolean }>;
}

/** What the host reads a response body through, whichever form preview3-shim gives it in. */
interface BodyReader {
  read(): Promise<{ value?: Uint8Array; done: boolean }>;
  drop(): void;
}

const disposeSymbol: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('dispose');

function bodyReader(contents: unknown): BodyReader {
  // A response made with no body: preview3-shim gives an empty ReadableStream.
  if (contents instanceof ReadableStream) {
    const reader = (contents as ReadableStream<Uint8Array>).getReader();
    return {
      read: () => reader.read(),
      drop: () => void reader.cancel().catch(() => undefined),
    };
  }
  const stream = contents as GuestByteStream;
  return {
    async read() {
      const { value, done } = await stream.read(READ_BYTES);
      if (done || value === undefined) return { done: true };
      return { value: value instanceof Uint8Array ? value : Uint8Array.from(value), done: false };
    },
    drop() {
      (stream as unknown as Record<symbol, (() => void) | undefined>)[disposeSymbol]?.();
    },
  };
}

export interface ServedResponse {
  /** The response for the page; its body streams from the guest. */
  readonly response: Response;
  /**
   * Settles once the guest is done with the response: its body read to the end (or dropped,
   * when the page went away or the response has no body) and its trailers sent. Rejects when
   * the body or trailers end in an error; the page's body is then cut short.
   */
  readonly finished: Promise<void>;
  /** Cuts the body short with `error` (the guest was stopped) and stops reading the guest's. */
  abort(error: Error): void;
}

/** Throws a TypeError for a status or header value fetch's `Response` refuses. */
export function toFetchResponse(guest: P3Response, method: string): ServedResponse {
  const status = guest.getStatusCode();
  const headers = new Headers();
  const decoder = new TextDecoder();
  for (const [name, value] of guest.getHeaders().copyAll()) headers.append(name, decoder.decode(value));

  let bodyDone!: () => void;
  let bodyFailed!: (error: Error) => void;
  const bodyEnded = new Promise<void>((resolve, reject) => {
    bodyDone = resolve;
    bodyFailed = reject;
  });
  // The future the guest may wait on to learn whether its response went out.
  const transmitted = bodyEnded.then(
    () => ({ tag: 'ok', val: undefined }) as const,
    () => ({ tag: 'err', val: { tag: 'internal-error', val: 'the response body failed' } }) as const,
  );
  const [contents, trailers] = p3Types.Response.consumeBody(
    guest,
    transmitted as Parameters<typeof p3Types.Response.consumeBody>[1],
  );
  const reader = bodyReader(contents);

  const bodyless = method === 'HEAD' || NULL_BODY_STATUSES.has(status);
  // A response made with no body (preview3-shim's empty stream) is known to be empty: Spin says
  // so with `content-length: 0`, as for WASI 0.2 (wasi/http/serve-incoming.ts).
  if (contents instanceof ReadableStream && !bodyless && !headers.has('content-length'))
    headers.set('content-length', '0');
  // As wasmtime's: a body longer or shorter than the content-length it declares fails the
  // response (HTTP-response-body-size; wasi/http/declared-length.ts for WASI 0.2). The guest is
  // not told: preview3-shim's Response.new hands it a transmit future that is always ok.
  const declared = headers.has('content-length')
    ? contentLengthOf([headers.get('content-length') ?? ''])
    : undefined;
  let written = 0n;
  const offLength = () => {
    const code = bodySizeError('response', written);
    return new OutboundError(code, mismatchMessage('response', declared ?? 0n, written));
  };
  let body: ReadableStream<Uint8Array> | null = null;
  let pageBody: ReadableStreamDefaultController<Uint8Array> | undefined;
  if (bodyless) {
    reader.drop();
    bodyDone();
  } else {
    body = new ReadableStream<Uint8Array>({
      start(controller) {
        pageBody = controller;
      },
      async pull(controller) {
        try {
          const { value, done } = await reader.read();
          if (value) written += BigInt(value.byteLength);
          if (declared !== undefined && (done ? written !== declared : written > declared)) {
            reader.drop();
            throw offLength();
          }
          if (done) {
            controller.close();
            bodyDone();
          } else if (value) controller.enqueue(value);
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          controller.error(failure);
          bodyFailed(failure);
        }
      },
      cancel() {
        reader.drop();
        bodyDone();
      },
    });
  }
  const finished = bodyEnded.then(async () => {
    const sent = (await trailers) as { tag: 'ok' | 'err'; val?: unknown };
    if (sent.tag === 'err')
      throw new Error(`it ended its response with the error ${JSON.stringify(sent.val)}`);
  });
  const abort = (error: Error) => {
    try {
      pageBody?.error(error);
    } catch {
      // The page's body had already ended.
    }
    reader.drop();
    bodyFailed(error);
  };
  // Made last: a status or header the browser refuses must not leave the body unread.
  try {
    return { response: new Response(body, { status, headers }), finished, abort };
  } catch (error) {
    reader.drop();
    finished.catch(() => undefined);
    throw error;
  }
}
