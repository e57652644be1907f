/**
 * A Spin 1 module's linear memory as the host reads and writes it for the wit-bindgen 0.2
 * canonical ABI: the host asks the guest's own allocator (`canonical_abi_realloc`) for the room
 * every string and list it passes needs, and reads what the guest returns through pointers it
 * checks first, so a guest that hands back a wild pointer gets a sentence, not a host crash.
 */

/** `canonical_abi_realloc(old_ptr, old_len, align, new_len) -> ptr`, as wit-bindgen 0.2 guests export it. */
export type GuestRealloc = (
  oldPointer: number,
  oldLength: number,
  align: number,
  newLength: number,
) => number;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export class GuestMemory {
  constructor(
    readonly memory: WebAssembly.Memory,
    readonly realloc: GuestRealloc,
  ) {}

  /** A fresh view: the guest may grow its memory (and detach older views) in any call. */
  get view(): DataView {
    return new DataView(this.memory.buffer);
  }

  /** `size` bytes aligned to `align`, from the guest's allocator. */
  allocate(size: number, align: number): number {
    const pointer = this.realloc(0, 0, align, size) >>> 0;
    if (pointer % align !== 0 || pointer + size > this.memory.buffer.byteLength) {
      throw new Error(
        `its canonical_abi_realloc returned ${pointer} for ${size} bytes aligned to ${align}, ` +
          'which is not room in its memory',
      );
    }
    return pointer;
  }

  /** Copies `bytes` into newly allocated guest memory: the (pointer, length) pair the ABI passes. */
  writeBytes(bytes: Uint8Array, align = 1): [pointer: number, length: number] {
    const pointer = this.allocate(bytes.byteLength, align);
    new Uint8Array(this.memory.buffer, pointer, bytes.byteLength).set(bytes);
    return [pointer, bytes.byteLength];
  }

  writeString(text: string): [pointer: number, length: number] {
    return this.writeBytes(encoder.encode(text));
  }

  /** A copy of `length` bytes at `pointer`; `what` names them in the error for bytes outside memory. */
  readBytes(pointer: number, length: number, what: string): Uint8Array {
    this.check(pointer, length, what);
    return new Uint8Array(this.memory.buffer, pointer, length).slice();
  }

  readString(pointer: number, length: number, what: string): string {
    try {
      return decoder.decode(this.readBytes(pointer, length, what));
    } catch (error) {
      if (error instanceof TypeError) throw new Error(`its ${what} is not valid UTF-8`, { cause: error });
      throw error;
    }
  }

  /** Throws unless `length` bytes at `pointer` lie within the guest's memory. */
  check(pointer: number, length: number, what: string): void {
    const size = this.memory.buffer.byteLength;
    if (pointer < 0 || length < 0 || pointer + length > size) {
      throw new Error(`its ${what} (${length} bytes at ${pointer}) lies outside its memory of ${size} bytes`);
    }
  }
}
