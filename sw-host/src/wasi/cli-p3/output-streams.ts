/**
 * `wasi:cli/stdout@0.3` and `stderr@0.3` for a WASI 0.3 guest: `write-via-stream(data)` hands the
 * host the readable end of a `stream<u8>`, which the host reads to its end, a line at a time into
 * a log sink, and answers with a future that resolves once the stream has ended.
 *
 * The host reads at once (a read is pending before the guest writes), so a guest's async write
 * completes without waiting. Which sink gets the lines is asked at each read: an instance reused
 * for many requests sends its output to the request it is serving (runtime/instances-p3.ts).
 */
import type * as Stdout from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-cli-stdout.js';
import type * as Stderr from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-cli-stderr.js';
import type { HostSide } from '../../capabilities/host-side.ts';
import { lineStream, type LineSink } from '../line-stream.ts';

/** The most bytes one read asks for. */
const READ_BYTES = 64 * 1024;

/** The readable stream end the glue gives the host (`Stream` in jco's glue). */
interface GuestByteStream {
  read(count: number): Promise<{ value?: ArrayLike<number>; done: boolean }>;
}

type WriteResult = { tag: 'ok'; val: undefined } | { tag: 'err'; val: string };

function writeViaStream(sinkNow: () => LineSink) {
  return (data: unknown): Promise<WriteResult> => {
    const stream = data as GuestByteStream;
    // One line splitter per stream, handing each line to whichever sink is current.
    const lines = lineStream((line) => sinkNow()(line));
    return (async () => {
      try {
        for (;;) {
          const { value, done } = await stream.read(READ_BYTES);
          if (done || value === undefined) break;
          lines.write(value instanceof Uint8Array ? value : Uint8Array.from(value));
        }
        return { tag: 'ok', val: undefined } as const;
      } catch {
        // The guest went away mid-stream (a trap, its deadline): what it wrote is kept.
        return { tag: 'err', val: 'pipe' } as const;
      } finally {
        lines.flush();
      }
    })();
  };
}

/** `wasi:cli/stdout`, writing to the current request's stdout sink. */
export function createP3Stdout(sinks: () => { stdout: LineSink }) {
  return { writeViaStream: writeViaStream(() => sinks().stdout) } satisfies HostSide<typeof Stdout>;
}

/** `wasi:cli/stderr`, writing to the current request's stderr sink. */
export function createP3Stderr(sinks: () => { stderr: LineSink }) {
  return { writeViaStream: writeViaStream(() => sinks().stderr) } satisfies HostSide<typeof Stderr>;
}
