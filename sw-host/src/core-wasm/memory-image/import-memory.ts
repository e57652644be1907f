/**
 * Rewrites a core module so that its memory comes from the host, already holding the module's
 * initial contents (issue 9; docs/decisions/0010-fresh-instances-from-a-memory-image.md).
 *
 * Allocating a fresh 145-page memory is most of what a new StarlingMonkey instance costs; a
 * reused one, reset to the initial image, is five times cheaper. So the module is rewritten once:
 *
 * - its memory (memory 0, defined) becomes the import `swerve:memory`.`memory`, with the same
 *   limits (memory imports come first in the memory index space: it is still memory 0, and no
 *   function, table or global index moves);
 * - each active data segment into it, at a constant offset, becomes an empty passive segment.
 *   Indices are kept, so a `memory.init` or `data.drop` elsewhere still names the right one,
 *   and an empty segment behaves as the dropped segment an active one is after instantiation;
 * - the initial image (the segments applied in order, gaps zeroed) goes into the custom section
 *   `swerve:memory-image`, which the host reads from the compiled module
 *   (`WebAssembly.Module.customSections`), so it needs no bytes at run time.
 *
 * A module this does not fit (no memory, an imported one, several, 64-bit or shared memory, a
 * segment at a computed offset or past the initial size, which must trap at instantiation) is
 * returned as it is, and is instantiated as before.
 */
import { readLayout, SECTION, sectionRank, type Section } from '../deadline/module-sections.ts';
import { concatBytes, encodeName, encodeU32, WasmReader } from '../deadline/wasm-bytes.ts';

/** The custom section holding a rewritten module's initial memory image. */
export const MEMORY_IMAGE_SECTION = 'swerve:memory-image';
/** Where a rewritten module imports its memory from: `swerve:memory`.`memory`. */
export const MEMORY_IMPORT_MODULE = 'swerve:memory';
export const MEMORY_IMPORT_NAME = 'memory';

const PAGE = 65_536;
const IMAGE_FORMAT = 1;

/** What the image section says: the memory's limits and its contents from `offset` on. */
export interface MemoryImage {
  initialPages: number;
  maximumPages: number | undefined;
  /** Where `bytes` start in memory; everything else is zero. */
  offset: number;
  bytes: Uint8Array;
}

/** Whether `bytes` already has its memory image taken out (this rewrite is idempotent). */
export function hasMemoryImage(bytes: Uint8Array): boolean {
  const layout = readLayout(bytes);
  return layout.sections.some(
    (s) => s.id === SECTION.custom && customName(bytes, s) === MEMORY_IMAGE_SECTION,
  );
}

/** Returns the rewritten module, or `bytes` itself when the rewrite does not apply. */
export function importMemoryImage(bytes: Uint8Array): Uint8Array {
  const layout = readLayout(bytes);
  const sections = layout.sections;
  if (sections.some((s) => s.id === SECTION.custom && customName(bytes, s) === MEMORY_IMAGE_SECTION))
    return bytes;
  const memorySection = sections.find((s) => s.id === SECTION.memory);
  const importSection = sections.find((s) => s.id === SECTION.import);
  if (!memorySection) return bytes;
  if (importSection && importsMemory(bytes, importSection)) return bytes;

  const memory = new WasmReader(bytes, memorySection.contentStart, memorySection.end);
  if (memory.u32() !== 1) return bytes;
  const limitsStart = memory.offset;
  const flags = memory.byte();
  if (flags > 1) return bytes; // shared or 64-bit
  const initialPages = memory.u32();
  const maximumPages = flags === 1 ? memory.u32() : undefined;
  const limits = bytes.subarray(limitsStart, memory.offset);

  const dataSection = sections.find((s) => s.id === SECTION.data);
  const data = dataSection
    ? rewriteData(bytes, dataSection, initialPages * PAGE)
    : { segments: [], image: [] };
  if (!data) return bytes;

  const importEntry = [
    ...encodeName(MEMORY_IMPORT_MODULE),
    ...encodeName(MEMORY_IMPORT_NAME),
    0x02,
    ...limits,
  ];
  const out: (Uint8Array | number[])[] = [bytes.subarray(0, 8)];
  let importWritten = false;
  for (const section of sections) {
    if (
      !importWritten &&
      section.id !== SECTION.custom &&
      sectionRank(section.id) > sectionRank(SECTION.import)
    ) {
      out.push(...framed(SECTION.import, [[1], importEntry]));
      importWritten = true;
    }
    if (section.id === SECTION.import) {
      const reader = new WasmReader(bytes, section.contentStart, section.end);
      const count = reader.u32();
      out.push(
        ...framed(SECTION.import, [
          encodeU32(count + 1),
          bytes.subarray(reader.offset, section.end),
          importEntry,
        ]),
      );
      importWritten = true;
    } else if (section.id === SECTION.memory) {
      // Its only memory is now imported: the section goes.
    } else if (section.id === SECTION.data) {
      out.push(...framed(SECTION.data, data.segments));
    } else {
      out.push(bytes.subarray(section.start, section.end));
    }
  }
  const image = imageFrom(data.image);
  const header = [
    IMAGE_FORMAT,
    ...encodeU32(initialPages),
    maximumPages === undefined ? 0 : 1,
    ...encodeU32(maximumPages ?? 0),
    ...encodeU32(image.offset),
  ];
  out.push(...framed(SECTION.custom, [encodeName(MEMORY_IMAGE_SECTION), header, image.bytes]));
  return concatBytes(out);
}

/** Reads the image section's contents (as `WebAssembly.Module.customSections` gives them). */
export function parseMemoryImage(contents: ArrayBuffer): MemoryImage {
  const bytes = new Uint8Array(contents);
  const reader = new WasmReader(bytes);
  const format = reader.byte();
  if (format !== IMAGE_FORMAT) throw new Error(`Unknown ${MEMORY_IMAGE_SECTION} format ${format}`);
  const initialPages = reader.u32();
  const hasMaximum = reader.byte() === 1;
  const maximum = reader.u32();
  const offset = reader.u32();
  return {
    initialPages,
    maximumPages: hasMaximum ? maximum : undefined,
    offset,
    bytes: bytes.subarray(reader.offset),
  };
}

interface Piece {
  offset: number;
  bytes: Uint8Array;
}

/**
 * The data section with its active segments made empty and passive, and the pieces they wrote;
 * undefined when a segment cannot be taken out.
 */
function rewriteData(
  bytes: Uint8Array,
  section: Section,
  memoryBytes: number,
): { segments: (Uint8Array | number[])[]; image: Piece[] } | undefined {
  const reader = new WasmReader(bytes, section.contentStart, section.end);
  const count = reader.u32();
  const segments: (Uint8Array | number[])[] = [encodeU32(count)];
  const image: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const start = reader.offset;
    const flags = reader.u32();
    if (flags === 1) {
      reader.skip(reader.u32());
      segments.push(bytes.subarray(start, reader.offset));
      continue;
    }
    if (flags === 2 && reader.u32() !== 0) return undefined;
    if (flags !== 0 && flags !== 2) return undefined;
    // The offset: exactly `i32.const n end`.
    if (reader.byte() !== 0x41) return undefined;
    const offset = readS32(reader) >>> 0;
    if (reader.byte() !== 0x0b) return undefined;
    const length = reader.u32();
    const contents = bytes.subarray(reader.offset, reader.offset + length);
    reader.skip(length);
    if (offset + length > memoryBytes) return undefined;
    if (length > 0) image.push({ offset, bytes: contents });
    segments.push([0x01, 0x00]); // passive, no bytes
  }
  return { segments, image };
}

/** The pieces laid out as one run of bytes, later pieces over earlier ones, as instantiation writes them. */
function imageFrom(pieces: Piece[]): { offset: number; bytes: Uint8Array } {
  if (pieces.length === 0) return { offset: 0, bytes: new Uint8Array(0) };
  const offset = Math.min(...pieces.map((p) => p.offset));
  const end = Math.max(...pieces.map((p) => p.offset + p.bytes.length));
  const out = new Uint8Array(end - offset);
  for (const piece of pieces) out.set(piece.bytes, piece.offset - offset);
  return { offset, bytes: out };
}

function importsMemory(bytes: Uint8Array, section: Section): boolean {
  const reader = new WasmReader(bytes, section.contentStart, section.end);
  const count = reader.u32();
  for (let i = 0; i < count; i++) {
    reader.skip(reader.u32());
    reader.skip(reader.u32());
    const kind = reader.byte();
    switch (kind) {
      case 0x00:
        reader.skipLeb();
        break;
      case 0x01: {
        const type = reader.byte();
        if (type === 0x63 || type === 0x64) reader.skipLeb();
        skipLimits(reader);
        break;
      }
      case 0x02:
        return true;
      case 0x03: {
        const type = reader.byte();
        if (type === 0x63 || type === 0x64) reader.skipLeb();
        reader.byte();
        break;
      }
      case 0x04:
        reader.byte();
        reader.skipLeb();
        break;
      default:
        return true; // unknown: leave the module alone
    }
  }
  return false;
}

function skipLimits(reader: WasmReader): void {
  const flags = reader.byte();
  reader.skipLeb();
  if (flags & 0x01) reader.skipLeb();
}

function readS32(reader: WasmReader): number {
  let result = 0;
  let shift = 0;
  let b: number;
  do {
    b = reader.byte();
    result |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80 && shift < 35);
  if (shift < 32 && b & 0x40) result |= -1 << shift;
  return result | 0;
}

function customName(bytes: Uint8Array, section: Section): string {
  return new WasmReader(bytes, section.contentStart, section.end).name();
}

function framed(id: number, parts: (Uint8Array | number[])[]): (Uint8Array | number[])[] {
  const size = parts.reduce((sum, part) => sum + part.length, 0);
  return [[id, ...encodeU32(size)], ...parts];
}
