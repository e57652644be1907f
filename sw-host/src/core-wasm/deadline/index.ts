/**
 * Deadlines for guests, by rewriting their core modules (pure: bytes in, bytes out). See
 * docs/decisions/0008-deadlines-by-instrumenting-core-modules.md.
 */
export {
  DEADLINE_TABLE_EXPORT,
  DEFAULT_INTERVAL,
  instrumentModule,
  isInstrumented,
  type InstrumentOptions,
} from './instrument-module.ts';
export { HOOK_EXPORT_NAME, HOOK_IMPORT_MODULE, HOOK_IMPORT_NAME, hookModuleBytes } from './hook-module.ts';
export { WasmFormatError } from './wasm-bytes.ts';
