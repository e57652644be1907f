/**
 * `wasi:cli/stdin@0.3` and the `terminal-*` interfaces: preview3-shim's, which fit as they are.
 * `read-via-stream` gives an empty stream (preview2-shim's stdin, which a WASI 0.2 instance also
 * gets, is closed) and a future that resolves `ok` once it is read to its end; a guest has no
 * terminal (`get-terminal-stdin|stdout|stderr` give none).
 */
import {
  stdin as shimStdin,
  terminalInput,
  terminalOutput,
  terminalStderr,
  terminalStdin,
  terminalStdout,
} from '@bytecodealliance/preview3-shim/cli';

export const stdin = shimStdin;

export const terminals = {
  'wasi:cli/terminal-input': terminalInput,
  'wasi:cli/terminal-output': terminalOutput,
  'wasi:cli/terminal-stdin': terminalStdin,
  'wasi:cli/terminal-stdout': terminalStdout,
  'wasi:cli/terminal-stderr': terminalStderr,
};
