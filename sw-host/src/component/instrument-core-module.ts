/**
 * Rewrites one core module of a component (core-wasm/rewrite-core-module.ts: deadlines, memory
 * image), with the host's error for a module it cannot read. Already rewritten bytes come back
 * as they are.
 */
import { SwerveError } from '../errors.ts';
import { WasmFormatError } from '../core-wasm/deadline/index.ts';
import { rewriteCoreModule } from '../core-wasm/rewrite-core-module.ts';

export function instrumentCoreModule(bytes: Uint8Array, label: string, name: string): Uint8Array {
  try {
    return rewriteCoreModule(bytes);
  } catch (error) {
    if (!(error instanceof WasmFormatError)) throw error;
    throw new SwerveError(
      'component-invalid',
      `${label}: its core module ${name} cannot be instrumented for deadlines: ${error.message}. ` +
        'It probably uses a WebAssembly feature this host does not know yet.',
      { cause: error },
    );
  }
}
