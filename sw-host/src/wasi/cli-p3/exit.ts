/**
 * `wasi:cli/exit@0.3`: preview3-shim's, which calls preview2-shim's `exit`, the very function a
 * WASI 0.2 instance gets: it throws a `ComponentExit` error, so a guest that exits fails its
 * request (answered 500 with a log line) and its instance is discarded, as under WASI 0.2.
 */
import type * as Exit from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-cli-exit.js';
import type { HostSide } from '../../capabilities/host-side.ts';
import { exit as shimExit } from '@bytecodealliance/preview3-shim/cli';

export const exit = shimExit satisfies HostSide<typeof Exit>;
