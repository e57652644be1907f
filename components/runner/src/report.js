// @ts-check
/**
 * How the runner reports a failure of the user's code: a log line on stderr naming the file,
 * line and column (or the stack of an exception), and a 500 whose body says what failed.
 */
import { getStderr } from 'wasi:cli/stderr@0.2.10';
import { UserCodeError } from './module-loader.js';

const encoder = new TextEncoder();

/**
 * @param {unknown} error
 * @returns {{ summary: string, log: string }}
 */
export function describeError(error) {
  if (error instanceof UserCodeError) {
    const summary = `${error.location}: ${error.message}`;
    return { summary, log: `[runner] ${summary}` };
  }
  if (error instanceof Error) {
    const summary = `${error.name}: ${error.message}`;
    const stack = error.stack ? `\n${error.stack.trimEnd()}` : '';
    return { summary, log: `[runner] Uncaught ${summary}${stack}` };
  }
  return { summary: `Uncaught ${String(error)}`, log: `[runner] Uncaught ${String(error)}` };
}

/** Writes `text` and a line break to the component's stderr. */
export function writeStderr(/** @type {string} */ text) {
  const stream = getStderr();
  const bytes = encoder.encode(text + '\n');
  // blocking-write-and-flush takes at most 4096 bytes at a time.
  for (let offset = 0; offset < bytes.length; offset += 4096) {
    stream.blockingWriteAndFlush(bytes.subarray(offset, offset + 4096));
  }
  stream[Symbol.dispose]?.();
}

/** The 500 a failed request gets. */
export function errorResponse(/** @type {string} */ summary) {
  return new Response(`Internal Server Error\n${summary}\n`, {
    status: 500,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}
