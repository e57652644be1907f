/**
 * `wasi:cli/terminal-*@0.3`: preview3-shim's, which fit as they are: a guest has no terminal
 * (`get-terminal-stdin|stdout|stderr` give none, as preview2-shim's do for WASI 0.2), and the
 * two resource types are never made.
 */
import {
  terminalInput,
  terminalOutput,
  terminalStderr,
  terminalStdin,
  terminalStdout,
} from '@bytecodealliance/preview3-shim/cli';

/** The interfaces, keyed as jco's glue asks for them. */
export const terminals = {
  'wasi:cli/terminal-input': terminalInput,
  'wasi:cli/terminal-output': terminalOutput,
  'wasi:cli/terminal-stdin': terminalStdin,
  'wasi:cli/terminal-stdout': terminalStdout,
  'wasi:cli/terminal-stderr': terminalStderr,
};
