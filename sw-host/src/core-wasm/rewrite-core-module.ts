/**
 * The one rewrite every core module of a component gets before the host compiles it, once per
 * content hash: instrumented for deadlines (deadline/, decision 0008), then its memory image
 * taken out (memory-image/, decision 0010). Both are idempotent, so stored or served bytes that
 * already had it come back unchanged.
 */
import { instrumentModule } from './deadline/index.ts';
import { importMemoryImage } from './memory-image/index.ts';

/**
 * Names this rewrite in what it writes: bump it whenever its output changes, so compiled code
 * cached from an older rewrite (core-wasm/code-cache.ts) is never used.
 */
export const CORE_MODULE_REWRITE = 'r1';

export function rewriteCoreModule(bytes: Uint8Array): Uint8Array {
  return importMemoryImage(instrumentModule(bytes));
}
