/**
 * The most of one HTTP body the host holds in memory at once. Bodies stream wherever they can
 * (a guest's request and response bodies, a response to a tab); a few places must read one whole:
 * a request a page sends over the host protocol, the answer to it (one message), and an outgoing
 * request body (browsers stream uploads only over HTTP/2). Each of those stops at this limit with
 * an error that names it, rather than letting a stranger's app or link fill the tab's memory.
 * It sits with the protocol because pages (client/) apply it as well as the host's own layers.
 */
import { SwerveError } from '../errors.ts';

/** 64 MiB: far above what a request console or an API call carries, far below a tab's memory. */
export const MAX_BUFFERED_BODY_BYTES = 64 * 1024 * 1024;

/** The error for `what`, a body over `limit` bytes; `instead` says what to do. */
export function bodyTooLarge(what: string, instead: string, limit = MAX_BUFFERED_BODY_BYTES): SwerveError {
  return new SwerveError(
    'too-large',
    `${what} is over ${formatBytes(limit)} (MAX_BUFFERED_BODY_BYTES), the most Swerve holds in memory ` +
      `for one body; it was not read further. ${instead}`,
  );
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/**
 * Reads `body` whole, up to `limit` bytes; past that it stops reading, cancels the stream and
 * rejects with `bodyTooLarge(what, instead)`.
 */
export async function readBodyWithin(
  body: ReadableStream<Uint8Array> | null,
  what: string,
  instead: string,
  limit = MAX_BUFFERED_BODY_BYTES,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => undefined);
      throw bodyTooLarge(what, instead, limit);
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}
