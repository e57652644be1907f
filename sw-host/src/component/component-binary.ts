/**
 * Reads what a WebAssembly binary is and, for a component, the names of its top-level imports
 * and exports, without compiling or transpiling anything. The host decides from this whether
 * it can run a component at all, before any code is generated from it.
 *
 * Encoding: https://github.com/WebAssembly/component-model/blob/main/design/mvp/Binary.md
 * (preamble, `section_10` imports, `section_11` exports, `nameattributes`, `externtype`).
 */
import { SwerveError } from '../errors.ts';

export interface ComponentSurface {
  kind: 'component';
  /** Top-level import names, e.g. `wasi:http/types@0.2.10`. */
  imports: string[];
  /** Top-level export names, e.g. `wasi:http/incoming-handler@0.2.10`. */
  exports: string[];
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const IMPORT_SECTION = 10;
const EXPORT_SECTION = 11;

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.offset >= this.bytes.length) throw new RangeError('unexpected end of the binary');
    return this.bytes[this.offset++]!;
  }

  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.byte();
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result >>> 0;
    }
    throw new RangeError('malformed LEB128 integer');
  }

  string(): string {
    const length = this.u32();
    if (this.offset + length > this.bytes.length)
      throw new RangeError('a name runs past the end of the binary');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      this.bytes.subarray(this.offset, this.offset + length),
    );
    this.offset += length;
    return text;
  }
}

/** `nameattributes`: a name, plus attributes (implements, version suffix, external id) for 0x02. */
function readName(reader: Reader): string {
  const tag = reader.byte();
  const name = reader.string();
  if (tag === 0x02) {
    for (let count = reader.u32(); count > 0; count--) {
      const attribute = reader.byte();
      if (attribute > 0x02) throw new RangeError(`unknown name attribute 0x${attribute.toString(16)}`);
      reader.string();
    }
  } else if (tag > 0x02) {
    throw new RangeError(`unknown name encoding 0x${tag.toString(16)}`);
  }
  return name;
}

/** Skips an `externtype`. */
function skipExternType(reader: Reader): void {
  const kind = reader.byte();
  switch (kind) {
    case 0x00: // core module: 0x11 then a core type index
      reader.byte();
      reader.u32();
      return;
    case 0x01: // func
    case 0x04: // component
    case 0x05: // instance
      reader.u32();
      return;
    case 0x02: // value: 0x00 index, or 0x01 valtype (a primitive byte or a type index, both LEB)
    case 0x03: // type: 0x00 index, or 0x01 (sub resource)
      if (reader.byte() === 0x00 || kind === 0x02) reader.u32();
      return;
    default:
      throw new RangeError(`unknown extern type 0x${kind.toString(16)}`);
  }
}

/** Skips a `sortidx`. */
function skipSortIndex(reader: Reader): void {
  if (reader.byte() === 0x00) reader.byte(); // core sort
  reader.u32();
}

/**
 * Says whether `bytes` is a core module or a component and, for a component, lists its
 * top-level imports and exports. Throws a `component-invalid` SwerveError for anything else.
 */
export function readComponentSurface(
  bytes: Uint8Array,
  label: string,
): ComponentSurface | { kind: 'core-module' } {
  if (bytes.length < 8 || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    throw new SwerveError(
      'component-invalid',
      `${label} is not a WebAssembly binary (it does not start with "\\0asm").`,
    );
  }
  const layer = bytes[6]! | (bytes[7]! << 8);
  if (layer === 0) return { kind: 'core-module' };
  if (layer !== 1) {
    throw new SwerveError(
      'component-invalid',
      `${label} is a WebAssembly binary of an unknown layer (${layer}).`,
    );
  }
  const reader = new Reader(bytes);
  reader.offset = 8;
  const imports: string[] = [];
  const exports: string[] = [];
  try {
    while (reader.offset < bytes.length) {
      const id = reader.byte();
      const size = reader.u32();
      const end = reader.offset + size;
      if (end > bytes.length) throw new RangeError(`section ${id} runs past the end of the binary`);
      if (id === IMPORT_SECTION) {
        for (let count = reader.u32(); count > 0; count--) {
          imports.push(readName(reader));
          skipExternType(reader);
        }
      } else if (id === EXPORT_SECTION) {
        for (let count = reader.u32(); count > 0; count--) {
          exports.push(readName(reader));
          skipSortIndex(reader);
          if (reader.byte() === 0x01) skipExternType(reader);
        }
      }
      reader.offset = end;
    }
  } catch (error) {
    throw new SwerveError(
      'component-invalid',
      `${label} is a malformed component: ${(error as Error).message}.`,
      {
        cause: error,
      },
    );
  }
  return { kind: 'component', imports, exports };
}
