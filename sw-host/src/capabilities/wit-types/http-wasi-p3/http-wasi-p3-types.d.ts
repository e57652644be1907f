// world swerve:host/http-wasi-p3-types@0.1.0
import type * as SpinKeyValueKeyValue from './interfaces/spin-key-value-key-value.js'; // spin:key-value/key-value@3.0.0
import type * as SpinSqliteSqlite from './interfaces/spin-sqlite-sqlite.js'; // spin:sqlite/sqlite@3.1.0
import type * as SpinVariablesVariables from './interfaces/spin-variables-variables.js'; // spin:variables/variables@3.0.0
import type * as WasiCliEnvironment from './interfaces/wasi-cli-environment.js'; // wasi:cli/environment@0.3.0
import type * as WasiCliExit from './interfaces/wasi-cli-exit.js'; // wasi:cli/exit@0.3.0
import type * as WasiCliStderr from './interfaces/wasi-cli-stderr.js'; // wasi:cli/stderr@0.3.0
import type * as WasiCliStdin from './interfaces/wasi-cli-stdin.js'; // wasi:cli/stdin@0.3.0
import type * as WasiCliStdout from './interfaces/wasi-cli-stdout.js'; // wasi:cli/stdout@0.3.0
import type * as WasiCliTerminalInput from './interfaces/wasi-cli-terminal-input.js'; // wasi:cli/terminal-input@0.3.0
import type * as WasiCliTerminalOutput from './interfaces/wasi-cli-terminal-output.js'; // wasi:cli/terminal-output@0.3.0
import type * as WasiCliTerminalStderr from './interfaces/wasi-cli-terminal-stderr.js'; // wasi:cli/terminal-stderr@0.3.0
import type * as WasiCliTerminalStdin from './interfaces/wasi-cli-terminal-stdin.js'; // wasi:cli/terminal-stdin@0.3.0
import type * as WasiCliTerminalStdout from './interfaces/wasi-cli-terminal-stdout.js'; // wasi:cli/terminal-stdout@0.3.0
import type * as WasiCliTypes from './interfaces/wasi-cli-types.js'; // wasi:cli/types@0.3.0
import type * as WasiClocksMonotonicClock from './interfaces/wasi-clocks-monotonic-clock.js'; // wasi:clocks/monotonic-clock@0.3.0
import type * as WasiClocksSystemClock from './interfaces/wasi-clocks-system-clock.js'; // wasi:clocks/system-clock@0.3.0
import type * as WasiClocksTypes from './interfaces/wasi-clocks-types.js'; // wasi:clocks/types@0.3.0
import type * as WasiHttpClient from './interfaces/wasi-http-client.js'; // wasi:http/client@0.3.0
import type * as WasiHttpTypes from './interfaces/wasi-http-types.js'; // wasi:http/types@0.3.0
import type * as WasiRandomInsecureSeed from './interfaces/wasi-random-insecure-seed.js'; // wasi:random/insecure-seed@0.3.0
import type * as WasiRandomInsecure from './interfaces/wasi-random-insecure.js'; // wasi:random/insecure@0.3.0
import type * as WasiRandomRandom from './interfaces/wasi-random-random.js'; // wasi:random/random@0.3.0
import type * as WasiHttpHandler from './interfaces/wasi-http-handler.js'; // wasi:http/handler@0.3.0
export interface ImportObject {
  'spin:key-value/key-value@3.0.0': typeof SpinKeyValueKeyValue;
  'spin:sqlite/sqlite@3.1.0': typeof SpinSqliteSqlite;
  'spin:variables/variables@3.0.0': typeof SpinVariablesVariables;
  'wasi:cli/environment@0.3.0': typeof WasiCliEnvironment;
  'wasi:cli/exit@0.3.0': typeof WasiCliExit;
  'wasi:cli/stderr@0.3.0': typeof WasiCliStderr;
  'wasi:cli/stdin@0.3.0': typeof WasiCliStdin;
  'wasi:cli/stdout@0.3.0': typeof WasiCliStdout;
  'wasi:cli/terminal-input@0.3.0': typeof WasiCliTerminalInput;
  'wasi:cli/terminal-output@0.3.0': typeof WasiCliTerminalOutput;
  'wasi:cli/terminal-stderr@0.3.0': typeof WasiCliTerminalStderr;
  'wasi:cli/terminal-stdin@0.3.0': typeof WasiCliTerminalStdin;
  'wasi:cli/terminal-stdout@0.3.0': typeof WasiCliTerminalStdout;
  'wasi:cli/types@0.3.0': typeof WasiCliTypes;
  'wasi:clocks/monotonic-clock@0.3.0': typeof WasiClocksMonotonicClock;
  'wasi:clocks/system-clock@0.3.0': typeof WasiClocksSystemClock;
  'wasi:clocks/types@0.3.0': typeof WasiClocksTypes;
  'wasi:http/client@0.3.0': typeof WasiHttpClient;
  'wasi:http/types@0.3.0': typeof WasiHttpTypes;
  'wasi:random/insecure-seed@0.3.0': typeof WasiRandomInsecureSeed;
  'wasi:random/insecure@0.3.0': typeof WasiRandomInsecure;
  'wasi:random/random@0.3.0': typeof WasiRandomRandom;
}
export interface HttpWasiP3Types {
  'wasi:http/handler@0.3.0': typeof WasiHttpHandler;
  handler: typeof WasiHttpHandler;
}

/**
 * Instantiates this component with the provided imports and
 * returns a map of all the exports of the component.
 *
 * This function is intended to be similar to the
 * `WebAssembly.Instantiate` constructor. The second `imports`
 * argument is the "import object" for wasm, except here it
 * uses component-model-layer types instead of core wasm
 * integers/numbers/etc.
 *
 * The first argument to this function, `getCoreModule`, is
 * used to compile core wasm modules within the component.
 * Components are composed of core wasm modules and this callback
 * will be invoked per core wasm module. The caller of this
 * function is responsible for reading the core wasm module
 * identified by `path` and returning its compiled
 * `WebAssembly.Module` object. This would use the
 * `WebAssembly.Module` constructor on the web, for example.
 */
export function instantiate(
  getCoreModule: (path: string) => WebAssembly.Module,
  imports: ImportObject,
  instantiateCore?: (module: WebAssembly.Module, imports: Record<string, any>) => WebAssembly.Instance,
): HttpWasiP3Types;
export function instantiate(
  getCoreModule: (path: string) => WebAssembly.Module | Promise<WebAssembly.Module>,
  imports: ImportObject,
  instantiateCore?: (
    module: WebAssembly.Module,
    imports: Record<string, any>,
  ) => WebAssembly.Instance | Promise<WebAssembly.Instance>,
): HttpWasiP3Types | Promise<HttpWasiP3Types>;
