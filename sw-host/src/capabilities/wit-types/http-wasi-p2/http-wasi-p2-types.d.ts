// world swerve:host/http-wasi-p2-types@0.1.0
import type * as FermyonSpinKeyValue from './interfaces/fermyon-spin-key-value.js'; // fermyon:spin/key-value@2.0.0
import type * as FermyonSpinSqlite from './interfaces/fermyon-spin-sqlite.js'; // fermyon:spin/sqlite@2.0.0
import type * as FermyonSpinVariables from './interfaces/fermyon-spin-variables.js'; // fermyon:spin/variables@2.0.0
import type * as SpinSqliteSqlite from './interfaces/spin-sqlite-sqlite.js'; // spin:sqlite/sqlite@3.0.0
import type * as WasiCliEnvironment from './interfaces/wasi-cli-environment.js'; // wasi:cli/environment@0.2.12
import type * as WasiCliExit from './interfaces/wasi-cli-exit.js'; // wasi:cli/exit@0.2.12
import type * as WasiCliStderr from './interfaces/wasi-cli-stderr.js'; // wasi:cli/stderr@0.2.12
import type * as WasiCliStdin from './interfaces/wasi-cli-stdin.js'; // wasi:cli/stdin@0.2.12
import type * as WasiCliStdout from './interfaces/wasi-cli-stdout.js'; // wasi:cli/stdout@0.2.12
import type * as WasiCliTerminalInput from './interfaces/wasi-cli-terminal-input.js'; // wasi:cli/terminal-input@0.2.12
import type * as WasiCliTerminalOutput from './interfaces/wasi-cli-terminal-output.js'; // wasi:cli/terminal-output@0.2.12
import type * as WasiCliTerminalStderr from './interfaces/wasi-cli-terminal-stderr.js'; // wasi:cli/terminal-stderr@0.2.12
import type * as WasiCliTerminalStdin from './interfaces/wasi-cli-terminal-stdin.js'; // wasi:cli/terminal-stdin@0.2.12
import type * as WasiCliTerminalStdout from './interfaces/wasi-cli-terminal-stdout.js'; // wasi:cli/terminal-stdout@0.2.12
import type * as WasiClocksMonotonicClock from './interfaces/wasi-clocks-monotonic-clock.js'; // wasi:clocks/monotonic-clock@0.2.12
import type * as WasiClocksWallClock from './interfaces/wasi-clocks-wall-clock.js'; // wasi:clocks/wall-clock@0.2.12
import type * as WasiConfigStore from './interfaces/wasi-config-store.js'; // wasi:config/store@0.2.0-draft-2024-09-27
import type * as WasiFilesystemPreopens from './interfaces/wasi-filesystem-preopens.js'; // wasi:filesystem/preopens@0.2.12
import type * as WasiFilesystemTypes from './interfaces/wasi-filesystem-types.js'; // wasi:filesystem/types@0.2.12
import type * as WasiHttpOutgoingHandler from './interfaces/wasi-http-outgoing-handler.js'; // wasi:http/outgoing-handler@0.2.12
import type * as WasiHttpTypes from './interfaces/wasi-http-types.js'; // wasi:http/types@0.2.12
import type * as WasiIoError from './interfaces/wasi-io-error.js'; // wasi:io/error@0.2.12
import type * as WasiIoPoll from './interfaces/wasi-io-poll.js'; // wasi:io/poll@0.2.12
import type * as WasiIoStreams from './interfaces/wasi-io-streams.js'; // wasi:io/streams@0.2.12
import type * as WasiKeyvalueAtomics from './interfaces/wasi-keyvalue-atomics.js'; // wasi:keyvalue/atomics@0.2.0-draft2
import type * as WasiKeyvalueBatch from './interfaces/wasi-keyvalue-batch.js'; // wasi:keyvalue/batch@0.2.0-draft2
import type * as WasiKeyvalueStore from './interfaces/wasi-keyvalue-store.js'; // wasi:keyvalue/store@0.2.0-draft2
import type * as WasiRandomInsecureSeed from './interfaces/wasi-random-insecure-seed.js'; // wasi:random/insecure-seed@0.2.12
import type * as WasiRandomInsecure from './interfaces/wasi-random-insecure.js'; // wasi:random/insecure@0.2.12
import type * as WasiRandomRandom from './interfaces/wasi-random-random.js'; // wasi:random/random@0.2.12
import type * as WasiSocketsInstanceNetwork from './interfaces/wasi-sockets-instance-network.js'; // wasi:sockets/instance-network@0.2.12
import type * as WasiSocketsIpNameLookup from './interfaces/wasi-sockets-ip-name-lookup.js'; // wasi:sockets/ip-name-lookup@0.2.12
import type * as WasiSocketsNetwork from './interfaces/wasi-sockets-network.js'; // wasi:sockets/network@0.2.12
import type * as WasiSocketsTcpCreateSocket from './interfaces/wasi-sockets-tcp-create-socket.js'; // wasi:sockets/tcp-create-socket@0.2.12
import type * as WasiSocketsTcp from './interfaces/wasi-sockets-tcp.js'; // wasi:sockets/tcp@0.2.12
import type * as WasiSocketsUdpCreateSocket from './interfaces/wasi-sockets-udp-create-socket.js'; // wasi:sockets/udp-create-socket@0.2.12
import type * as WasiSocketsUdp from './interfaces/wasi-sockets-udp.js'; // wasi:sockets/udp@0.2.12
import type * as WasiHttpIncomingHandler from './interfaces/wasi-http-incoming-handler.js'; // wasi:http/incoming-handler@0.2.12
export interface ImportObject {
  'fermyon:spin/key-value@2.0.0': typeof FermyonSpinKeyValue;
  'fermyon:spin/sqlite@2.0.0': typeof FermyonSpinSqlite;
  'fermyon:spin/variables@2.0.0': typeof FermyonSpinVariables;
  'spin:sqlite/sqlite@3.0.0': typeof SpinSqliteSqlite;
  'wasi:cli/environment@0.2.12': typeof WasiCliEnvironment;
  'wasi:cli/exit@0.2.12': typeof WasiCliExit;
  'wasi:cli/stderr@0.2.12': typeof WasiCliStderr;
  'wasi:cli/stdin@0.2.12': typeof WasiCliStdin;
  'wasi:cli/stdout@0.2.12': typeof WasiCliStdout;
  'wasi:cli/terminal-input@0.2.12': typeof WasiCliTerminalInput;
  'wasi:cli/terminal-output@0.2.12': typeof WasiCliTerminalOutput;
  'wasi:cli/terminal-stderr@0.2.12': typeof WasiCliTerminalStderr;
  'wasi:cli/terminal-stdin@0.2.12': typeof WasiCliTerminalStdin;
  'wasi:cli/terminal-stdout@0.2.12': typeof WasiCliTerminalStdout;
  'wasi:clocks/monotonic-clock@0.2.12': typeof WasiClocksMonotonicClock;
  'wasi:clocks/wall-clock@0.2.12': typeof WasiClocksWallClock;
  'wasi:config/store@0.2.0-draft-2024-09-27': typeof WasiConfigStore;
  'wasi:filesystem/preopens@0.2.12': typeof WasiFilesystemPreopens;
  'wasi:filesystem/types@0.2.12': typeof WasiFilesystemTypes;
  'wasi:http/outgoing-handler@0.2.12': typeof WasiHttpOutgoingHandler;
  'wasi:http/types@0.2.12': typeof WasiHttpTypes;
  'wasi:io/error@0.2.12': typeof WasiIoError;
  'wasi:io/poll@0.2.12': typeof WasiIoPoll;
  'wasi:io/streams@0.2.12': typeof WasiIoStreams;
  'wasi:keyvalue/atomics@0.2.0-draft2': typeof WasiKeyvalueAtomics;
  'wasi:keyvalue/batch@0.2.0-draft2': typeof WasiKeyvalueBatch;
  'wasi:keyvalue/store@0.2.0-draft2': typeof WasiKeyvalueStore;
  'wasi:random/insecure-seed@0.2.12': typeof WasiRandomInsecureSeed;
  'wasi:random/insecure@0.2.12': typeof WasiRandomInsecure;
  'wasi:random/random@0.2.12': typeof WasiRandomRandom;
  'wasi:sockets/instance-network@0.2.12': typeof WasiSocketsInstanceNetwork;
  'wasi:sockets/ip-name-lookup@0.2.12': typeof WasiSocketsIpNameLookup;
  'wasi:sockets/network@0.2.12': typeof WasiSocketsNetwork;
  'wasi:sockets/tcp-create-socket@0.2.12': typeof WasiSocketsTcpCreateSocket;
  'wasi:sockets/tcp@0.2.12': typeof WasiSocketsTcp;
  'wasi:sockets/udp-create-socket@0.2.12': typeof WasiSocketsUdpCreateSocket;
  'wasi:sockets/udp@0.2.12': typeof WasiSocketsUdp;
}
export interface HttpWasiP2Types {
  'wasi:http/incoming-handler@0.2.12': typeof WasiHttpIncomingHandler;
  incomingHandler: typeof WasiHttpIncomingHandler;
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
): HttpWasiP2Types;
export function instantiate(
  getCoreModule: (path: string) => WebAssembly.Module | Promise<WebAssembly.Module>,
  imports: ImportObject,
  instantiateCore?: (
    module: WebAssembly.Module,
    imports: Record<string, any>,
  ) => WebAssembly.Instance | Promise<WebAssembly.Instance>,
): HttpWasiP2Types | Promise<HttpWasiP2Types>;
