/**
 * Fresh instances from a reused memory: the rewrite that takes a core module's memory image out
 * (pure: bytes in, bytes out). The host's side is core-wasm/memory-pool.ts. See
 * docs/decisions/0010-fresh-instances-from-a-memory-image.md.
 */
export {
  hasMemoryImage,
  importMemoryImage,
  MEMORY_IMAGE_SECTION,
  MEMORY_IMPORT_MODULE,
  MEMORY_IMPORT_NAME,
  parseMemoryImage,
  type MemoryImage,
} from './import-memory.ts';
