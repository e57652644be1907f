import { describe, expect, it } from 'vitest';
import { terminals } from './terminals.ts';

describe('wasi:cli/terminal-* @0.3', () => {
  it('a guest has no terminal', () => {
    expect(terminals['wasi:cli/terminal-stdin'].getTerminalStdin()).toBeUndefined();
    expect(terminals['wasi:cli/terminal-stdout'].getTerminalStdout()).toBeUndefined();
    expect(terminals['wasi:cli/terminal-stderr'].getTerminalStderr()).toBeUndefined();
  });
});
