import { describe, expect, it } from 'vitest';
import { stdin, terminals } from './stdin.ts';

describe('wasi:cli/stdin@0.3 and terminal-* @0.3', () => {
  it('stdin is an empty stream whose future is ok once it is read to its end', async () => {
    const [stream, result] = stdin.readViaStream() as unknown as [ReadableStream, Promise<unknown>];
    const reader = stream.getReader();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(await result).toEqual({ tag: 'ok', val: undefined });
  });

  it('a guest has no terminal', () => {
    expect(terminals['wasi:cli/terminal-stdin'].getTerminalStdin()).toBeUndefined();
    expect(terminals['wasi:cli/terminal-stdout'].getTerminalStdout()).toBeUndefined();
    expect(terminals['wasi:cli/terminal-stderr'].getTerminalStderr()).toBeUndefined();
  });
});
