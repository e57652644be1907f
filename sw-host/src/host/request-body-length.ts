/**
 * The `content-length` a component is told for a request body. Spin passes the client's header
 * through, and guests size their read by it (MoonBit's Spin SDK reads exactly that many bytes,
 * and answers 500 without it). A browser never shows the host that header: a service worker's
 * fetch event hides it, and a `Request` made from bytes has none. So the host learns the length
 * by reading the body, up to MAX_SIZED_REQUEST_BODY_BYTES, before the guest starts:
 *
 * - a body that ends within the limit is handed on whole, with its length;
 * - a longer one (a large or streaming upload) streams on without a length, as a chunked
 *   request reaches Spin without one;
 * - no body at all on POST or PUT is `content-length: 0`, what a browser sends a server then.
 */

/**
 * The most of a request body read to learn its length: 8 MiB, room for any form, JSON document
 * or small file, while a large upload still streams through the worker rather than being held
 * whole (e2e/tests/streaming.spec.ts holds it to that). A body past it reaches the guest unsized.
 */
export const MAX_SIZED_REQUEST_BODY_BYTES = 8 * 1024 * 1024;

export interface SizedBody {
  /** The body to hand the guest: the same bytes, whether read ahead or not. */
  readonly body: ReadableStream<Uint8Array> | null;
  /** Its length in bytes, when known. */
  readonly length: number | undefined;
}

/** Methods a browser sends `content-length: 0` for when they carry no body (Fetch, HTTP-network fetch). */
const ZERO_LENGTH_WITHOUT_BODY = new Set(['POST', 'PUT']);

export async function sizeRequestBody(
  method: string,
  body: ReadableStream<Uint8Array> | null,
  limit = MAX_SIZED_REQUEST_BODY_BYTES,
): Promise<SizedBody> {
  if (body === null) return { body: null, length: ZERO_LENGTH_WITHOUT_BODY.has(method) ? 0 : undefined };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (error) {
      // The client went away mid-upload: the guest reads what came, then the failure.
      return { body: replay(chunks, undefined, error), length: undefined };
    }
    if (next.done) return { body: replay(chunks), length: size };
    chunks.push(next.value);
    size += next.value.byteLength;
    if (size > limit) return { body: replay(chunks, reader), length: undefined };
  }
}

/** A stream of `chunks`, then the rest of `rest` (or the failure `error`). */
function replay(
  chunks: Uint8Array[],
  rest?: ReadableStreamDefaultReader<Uint8Array>,
  error?: unknown,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = chunks.shift();
      if (chunk) return controller.enqueue(chunk);
      if (error !== undefined) return controller.error(error);
      if (!rest) return controller.close();
      const next = await rest.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      chunks.length = 0;
      return rest?.cancel(reason);
    },
  });
}
