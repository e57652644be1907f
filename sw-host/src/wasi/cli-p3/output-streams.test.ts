import { describe, expect, it } from 'vitest';
import { createP3Stderr, createP3Stdout } from './output-streams.ts';

/**
 * A readable stream end as the glue gives it: `read(count)` resolves with the next chunk; a
 * function in the list runs when the read after it is made (what happens meanwhile).
 */
function guestStream(chunks: (string | Error | (() => void))[]) {
  const encoder = new TextEncoder();
  return {
    async read(count: number) {
      let next = chunks.shift();
      while (typeof next === 'function') {
        next();
        next = chunks.shift();
      }
      if (next === undefined) return { done: true };
      if (next instanceof Error) throw next;
      expect(count).toBeGreaterThan(0);
      return { value: Array.from(encoder.encode(next)), done: false };
    },
  };
}

describe('wasi:cli/stdout and stderr @0.3', () => {
  it('reads the guest stream to its end, a line at a time into the sink current at that moment', async () => {
    const logged: string[] = [];
    let current = 'first';
    const sinks = () => ({
      stdout: (line: string) => logged.push(`${current} stdout: ${line}`),
      stderr: (line: string) => logged.push(`${current} stderr: ${line}`),
    });
    const done = createP3Stdout(sinks).writeViaStream(
      guestStream(['hel', 'lo\nwor', () => (current = 'second'), 'ld\n', 'no newline']),
    );
    expect(await done).toEqual({ tag: 'ok', val: undefined });
    expect(logged).toEqual([
      'first stdout: hello',
      'second stdout: world',
      // The stream's end flushes a partial line.
      'second stdout: no newline',
    ]);
    expect(await createP3Stderr(sinks).writeViaStream(guestStream(['oops\n']))).toEqual({
      tag: 'ok',
      val: undefined,
    });
    expect(logged.at(-1)).toBe('second stderr: oops');
  });

  it('keeps what was written when the stream fails, and answers err(pipe)', async () => {
    const logged: string[] = [];
    const stdout = createP3Stdout(() => ({ stdout: (line: string) => logged.push(line) }));
    const result = await stdout.writeViaStream(guestStream(['partial', new Error('the guest trapped')]));
    expect(result).toEqual({ tag: 'err', val: 'pipe' });
    expect(logged).toEqual(['partial']);
  });
});
