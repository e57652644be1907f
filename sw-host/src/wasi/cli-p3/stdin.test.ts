import { describe, expect, it } from 'vitest';
import { stdin } from './stdin.ts';

describe('wasi:cli/stdin@0.3', () => {
  it('is an empty stream whose future is ok once it is read to its end', async () => {
    const [stream, result] = stdin.readViaStream() as unknown as [ReadableStream, Promise<unknown>];
    const reader = stream.getReader();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(await result).toEqual({ tag: 'ok', val: undefined });
  });
});
