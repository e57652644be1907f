/**
 * Reading and writing the WebAssembly binary format's primitives: LEB128 integers, names and
 * section framing (https://webassembly.github.io/spec/core/binary/values.html). The reader is a
 * cursor over one buffer; it never copies, so a 12 MB code section is walked in place.
 */

/** A malformed or unsupported module, with the byte offset where reading stopped. */
export class WasmFormatError extends Error {
  override readonly name = 'WasmFormatError';

  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
  }
}

export class WasmReader {
  constructor(
    readonly bytes: Uint8Array,
    public offset = 0,
    readonly end = bytes.length,
  ) {}

  get done(): boolean {
    return this.offset >= this.end;
  }

  byte(): number {
    if (this.offset >= this.end) throw new WasmFormatError('Unexpected end of data', this.offset);
    return this.bytes[this.offset++]!;
  }

  /** An unsigned LEB128 integer of up to 32 bits. */
  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
    }
    throw new WasmFormatError('LEB128 integer too long for 32 bits', this.offset);
  }

  /** Skips a LEB128 integer of any width and signedness (s33, s64, u64). */
  skipLeb(): void {
    while (this.byte() & 0x80) {
      /* continuation bytes */
    }
  }

  skip(count: number): void {
    if (this.offset + count > this.end) throw new WasmFormatError('Unexpected end of data', this.offset);
    this.offset += count;
  }

  /**
   * A name, one character per byte (Latin-1, not UTF-8: this code runs where no TextDecoder is
   * promised). Good for comparing with the ASCII names this rewrite uses, which is all it needs.
   */
  name(): string {
    const length = this.u32();
    const start = this.offset;
    this.skip(length);
    return String.fromCharCode(...this.bytes.subarray(start, start + length));
  }
}

/** The bytes of an unsigned LEB128 integer. */
export function encodeU32(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

/** The bytes of a signed LEB128 integer (i32.const's immediate). */
export function encodeS32(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** An ASCII name (the only kind this rewrite writes). */
export function encodeName(name: string): number[] {
  const codes = [...name].map((char) => char.charCodeAt(0));
  if (codes.some((code) => code > 0x7f)) throw new RangeError(`Not an ASCII name: ${name}`);
  return [...encodeU32(codes.length), ...codes];
}

/** Joins byte chunks into one buffer. */
export function concatBytes(chunks: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
