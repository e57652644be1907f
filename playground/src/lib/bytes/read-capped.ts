/**
 * Reading a stream with a ceiling: a stranger's link, zip entry or response body decides how much
 * it inflates to, so it is read chunk by chunk and the reading stops (and the stream is cancelled,
 * so its producer stops too) as soon as the ceiling is passed. Nothing over `limit` is kept.
 */

/**
 * How much compressed input an inflater is given at a time. Browsers' DecompressionStream inflates
 * each chunk it is written to the end, and deflate unpacks up to about 1,000 times: fed the whole
 * input, a few kilobytes would unpack to gigabytes before a reader could stop it. Fed this much
 * at a time, on demand, it never runs more than a few megabytes past where the reader stops.
 */
export const INFLATE_SLICE_BYTES = 4096;

/** `bytes` as a stream that hands out INFLATE_SLICE_BYTES at a time, only as fast as it is read. */
export function slicedStream(bytes: Uint8Array): ReadableStream<BufferSource> {
  let at = 0;
  return new ReadableStream<BufferSource>(
    {
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + INFLATE_SLICE_BYTES));
        at += INFLATE_SLICE_BYTES;
      },
    },
    { highWaterMark: 0 },
  );
}

/** `compressed` inflated as `format`, as a stream that inflates only as fast as it is read. */
export function inflating(compressed: Uint8Array, format: CompressionFormat): ReadableStream<Uint8Array> {
  return slicedStream(compressed).pipeThrough(new DecompressionStream(format));
}

export interface CappedBytes {
  /** At most `limit` bytes: all of them, or the first `limit` when `truncated`. */
  bytes: Uint8Array;
  /** The stream had more than `limit` bytes; the rest was never read. */
  truncated: boolean;
}

export async function readUpTo(stream: ReadableStream<Uint8Array>, limit: number): Promise<CappedBytes> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (total + value.length > limit) {
        chunks.push(value.subarray(0, limit - total));
        total = limit;
        truncated = true;
        await reader.cancel().catch(() => undefined);
        break;
      }
      chunks.push(value);
      total += value.length;
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { bytes, truncated };
}

/** `8388608` → `8 MiB`, for errors that name a limit. */
export function formatLimit(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes.toLocaleString('en')} bytes`;
}
