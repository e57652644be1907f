/**
 * Body streams that say when they end, and that can be cut short from outside: a body that
 * crossed a port from a guest worker must tell the pool when the guest is done with it, and must
 * fail rather than hang when that worker dies mid-body.
 */

export interface WatchedStream {
  readonly stream: ReadableStream<Uint8Array>;
  /** Ends the stream with `error` (its reader sees it) and stops reading the source. */
  fail(error: unknown): void;
}

/**
 * `source`, read as the consumer pulls it; `onEnd` is called once, when it closes, errors, is
 * cancelled, or is failed by `fail`.
 */
export function watchStream(
  source: ReadableStream<Uint8Array>,
  onEnd: (error?: unknown) => void,
): WatchedStream {
  const reader = source.getReader();
  let ended = false;
  let control: ReadableStreamDefaultController<Uint8Array> | undefined;
  const end = (error?: unknown) => {
    if (ended) return false;
    ended = true;
    onEnd(error);
    return true;
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      control = controller;
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (ended) return;
        if (done) {
          end();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        if (end(error)) controller.error(error);
      }
    },
    cancel(reason) {
      end();
      return reader.cancel(reason);
    },
  });
  return {
    stream,
    fail(error) {
      if (!end(error)) return;
      control?.error(error);
      reader.cancel(error).catch(() => undefined);
    },
  };
}
