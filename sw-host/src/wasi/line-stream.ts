/**
 * A guest's stdout or stderr, cut into log lines: whole lines as they are written, and on flush
 * the partial line there is, so a prompt without a newline still shows.
 *
 * StarlingMonkey's `console.log` writes the text, flushes, then writes the newline: that newline
 * ends the line the flush already gave, and must not give an empty one.
 */

/** Receives a guest's output one line at a time. */
export type LineSink = (line: string) => void;

/** A preview2-shim stream handler (`write`, `flush`, ...) that gives `sink` one call per line. */
export function lineStream(sink: LineSink) {
  const decoder = new TextDecoder();
  let pending = '';
  // True after a flush gave out a partial line whose newline has not come yet.
  let flushedPartial = false;
  const flush = () => {
    pending += decoder.decode();
    if (pending) {
      sink(pending.endsWith('\r') ? pending.slice(0, -1) : pending);
      flushedPartial = true;
    }
    pending = '';
  };
  return {
    write(contents: Uint8Array) {
      let text = decoder.decode(contents, { stream: true });
      if (flushedPartial && text.length > 0) {
        if (text.startsWith('\r\n')) text = text.slice(2);
        else if (text.startsWith('\n')) text = text.slice(1);
        flushedPartial = false;
      }
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) sink(line.endsWith('\r') ? line.slice(0, -1) : line);
    },
    flush,
    blockingFlush: flush,
    drop: flush,
  };
}
