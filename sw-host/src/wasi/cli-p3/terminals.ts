/**
 * `wasi:cli/terminal-*@0.3`: preview3-shim's, which fit as they are: a guest has no terminal
 * (`get-terminal-stdin|stdout|stderr` give none, as preview2-shim's do for WASI 0.2), and the
 * two resource types are never made.
 */
import type * as TerminalInput from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-cli-terminal-input.js';
import type * as TerminalOutput from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-cli-terminal-output.js';
import type * as TerminalStdin from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-cli-terminal-stdin.js';
import type * as TerminalStdout from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-cli-terminal-stdout.js';
import type * as TerminalStderr from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-cli-terminal-stderr.js';
import type { HostSide } from '../../capabilities/host-side.ts';
import {
  terminalInput,
  terminalOutput,
  terminalStderr,
  terminalStdin,
  terminalStdout,
} from '@bytecodealliance/preview3-shim/cli';

/** The interfaces, keyed as jco's glue asks for them. */
export const terminals = {
  'wasi:cli/terminal-input': terminalInput satisfies HostSide<typeof TerminalInput>,
  'wasi:cli/terminal-output': terminalOutput satisfies HostSide<typeof TerminalOutput>,
  'wasi:cli/terminal-stdin': terminalStdin satisfies HostSide<typeof TerminalStdin>,
  'wasi:cli/terminal-stdout': terminalStdout satisfies HostSide<typeof TerminalStdout>,
  'wasi:cli/terminal-stderr': terminalStderr satisfies HostSide<typeof TerminalStderr>,
};
