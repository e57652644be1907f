/**
 * `wasi:cli/stdin@0.3`: preview3-shim's, which fits as it is. `read-via-stream` gives an empty
 * stream (preview2-shim's stdin, which a WASI 0.2 instance also gets, is closed: an HTTP
 * component has no input but its request) and a future that resolves `ok` once it is read to
 * its end.
 */
import type * as Stdin from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-cli-stdin.js';
import type { HostSide } from '../../capabilities/host-side.ts';
import { stdin as shimStdin } from '@bytecodealliance/preview3-shim/cli';

export const stdin = shimStdin satisfies HostSide<typeof Stdin>;
