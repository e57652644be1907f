/**
 * A guest's stdout or stderr, cut into log lines: whole lines as they are written, and on flush
 * the partial line there is, so a prompt without a newline still shows.
 *
 * StarlingMonkey's `console.log` writes the text, flushes, then writes the newline: that newline
 * ends the line the flush already gave, and must not give an empty one.
 *
 * A line is kept to `MAX_LOG_LINE_CHARS`: a guest is a stranger's code, and a line it never ends
 * would otherwise grow in the host's memory (and in every page's log view) without limit.
 */

/** Receives a guest's output one line at a time. */
export type LineSink = (line: string) => void;

/**
 * The longest log line a guest's output gives, in characters (UTF-16 code units). The rest of a
 * longer line is dropped, and the line says so.
 */
export const MAX_LOG_LINE_CHARS = 16 * 1024;

/** What a line cut at the limit ends with. */
export const CUT_LINE_NOTE =
  ` … [line cut at ${MAX_LOG_LINE_CHARS} characters (MAX_LOG_LINE_CHARS); ` +
  'log less per line, or return large data in a response]';

function capped(line: string): string {
  return line.length > MAX_LOG_LINE_CHARS ? line.slice(0, MAX_LOG_LINE_CHARS) + CUT_LINE_NOTE : line;
}

/** A preview2-shim stream handler (`write`, `flush`, ...) that gives `sink` one call per line. */
export function lineStream(sink: LineSink) {
  const decoder = new TextDecoder();
  let pending = '';
  // True after a flush gave out a partial line whose newline has not come yet.
  let flushedPartial = false;
  // True while the rest of a line already given out cut is dropped, up to its newline.
  let dropping = false;
  const give = (line: string) => sink(capped(line.endsWith('\r') ? line.slice(0, -1) : line));
  const flush = () => {
    pending += decoder.decode();
    if (pending && !dropping) {
      give(pending);
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
      if (dropping) {
        const end = text.indexOf('\n');
        if (end === -1) return;
        dropping = false;
        text = text.slice(end + 1);
      }
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) give(line);
      if (pending.length > MAX_LOG_LINE_CHARS) {
        give(pending);
        pending = '';
        dropping = true;
      }
    },
    flush,
    blockingFlush: flush,
    drop: flush,
  };
}
