/**
 * A response body as it should cross a port from a guest worker: as bytes when the guest had
 * written all of it by the time its response was set (most answers: a guest writes and finishes
 * its body in the same turn), else as a stream that yields what was written so far and then the
 * rest as it comes, so bodies still stream. A transferred stream costs a pipe between threads
 * and a message per chunk; bytes cost one message.
 */

/** Bodies bigger than this stream even when written at once, so no thread holds much of one. */
export const WHOLE_BODY_LIMIT = 1 << 20;

export type WrittenBody =
  { kind: 'bytes'; bytes: Uint8Array } | { kind: 'stream'; stream: ReadableStream<Uint8Array> };

const NOT_YET = Symbol('not yet');

/** Resolves after the tasks already queued (the guest's writes among them) have run. */
function nextTask(): { promise: Promise<typeof NOT_YET>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<typeof NOT_YET>((resolve) => {
    timer = setTimeout(() => resolve(NOT_YET), 0);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export async function writtenBody(body: ReadableStream<Uint8Array>): Promise<WrittenBody> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  let failure: { error: unknown } | undefined;
  while (size <= WHOLE_BODY_LIMIT) {
    const read = reader.read();
    const later = nextTask();
    let next: ReadableStreamReadResult<Uint8Array> | typeof NOT_YET;
    try {
      next = await Promise.race([read, later.promise]);
    } catch (error) {
      // The body failed after some of it was written: the reader sees that part, then the error.
      failure = { error };
      break;
    } finally {
      later.cancel();
    }
    if (next === NOT_YET) {
      pending = read;
      break;
    }
    if (next.done) return { kind: 'bytes', bytes: concat(chunks, size) };
    chunks.push(next.value);
    size += next.value.byteLength;
  }
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const written = chunks.shift();
      if (written) return controller.enqueue(written);
      if (failure) return controller.error(failure.error);
      const { done, value } = await (pending ?? reader.read());
      pending = undefined;
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { kind: 'stream', stream };
}
