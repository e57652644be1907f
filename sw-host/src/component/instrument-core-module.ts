/**
 * Instruments one core module of a component for deadlines (runtime/deadline/), with the
 * host's error for a module it cannot read. Already instrumented bytes come back as they are.
 */
import { SwerveError } from '../errors.ts';
import { instrumentModule, WasmFormatError } from '../runtime/deadline/index.ts';

export function instrumentCoreModule(bytes: Uint8Array, label: string, name: string): Uint8Array {
  try {
    return instrumentModule(bytes);
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
