/**
 * Walks the instructions of a function body without decoding them into objects: it only needs
 * to know where each instruction ends, so it knows every opcode's immediates. Covered: the MVP,
 * sign extension, non-trapping float-to-int and bulk memory (0xFC), reference types, typed
 * function references, GC (0xFB), SIMD and relaxed SIMD (0xFD), threads (0xFE), exception
 * handling (the legacy `try`/`catch`/`delegate` and `try_table`/`throw_ref`), tail calls,
 * multi-memory and memory64 (memarg with a memory index, 64-bit offsets), wide arithmetic.
 * Opcodes: https://webassembly.github.io/spec/core/binary/instructions.html and the proposals'
 * overviews. An opcode outside these throws, so nothing is ever rewritten by guesswork.
 *
 * Written as plain functions over (bytes, position) for speed: hello's 12.7 MB module has
 * about 4 million instructions.
 */
import { WasmFormatError } from './wasm-bytes.ts';

/** The opcode of `loop`. */
export const LOOP = 0x03;

function leb(bytes: Uint8Array, pos: number): number {
  while (bytes[pos++]! & 0x80) {
    /* continuation bytes */
  }
  return pos;
}

function u32At(bytes: Uint8Array, pos: number): number {
  let result = 0;
  let shift = 0;
  let b: number;
  do {
    b = bytes[pos++]!;
    result |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return result >>> 0;
}

/** A value type: one byte, or `ref null? <heaptype>` (0x63 / 0x64 then an s33). */
function valType(bytes: Uint8Array, pos: number): number {
  const b = bytes[pos]!;
  return b === 0x63 || b === 0x64 ? leb(bytes, pos + 1) : pos + 1;
}

/** A block type: empty (0x40), a value type, or an s33 type index. */
function blockType(bytes: Uint8Array, pos: number): number {
  const b = bytes[pos]!;
  if (b === 0x63 || b === 0x64) return leb(bytes, pos + 1);
  if (b >= 0x40 && b < 0x80) return pos + 1;
  return leb(bytes, pos);
}

/** A memarg: alignment (bit 6 set: a memory index follows), then the offset. */
function memarg(bytes: Uint8Array, pos: number): number {
  const align = u32At(bytes, pos);
  pos = leb(bytes, pos);
  if (align & 0x40) pos = leb(bytes, pos);
  return leb(bytes, pos);
}

function unknown(prefix: string, opcode: number, pos: number): never {
  throw new WasmFormatError(`Unknown instruction ${prefix}0x${opcode.toString(16)}`, pos);
}

function prefixedFB(bytes: Uint8Array, pos: number): number {
  const op = u32At(bytes, pos);
  pos = leb(bytes, pos);
  switch (op) {
    case 0: // struct.new t
    case 1: // struct.new_default t
    case 6: // array.new t
    case 7: // array.new_default t
    case 11: // array.get t
    case 12: // array.get_s t
    case 13: // array.get_u t
    case 14: // array.set t
    case 16: // array.fill t
    case 20: // ref.test ht
    case 21: // ref.test null ht
    case 22: // ref.cast ht
    case 23: // ref.cast null ht
      return leb(bytes, pos);
    case 2: // struct.get t f
    case 3:
    case 4:
    case 5: // struct.set t f
    case 8: // array.new_fixed t n
    case 9: // array.new_data t d
    case 10: // array.new_elem t e
    case 17: // array.copy t t
    case 18: // array.init_data t d
    case 19: // array.init_elem t e
      return leb(bytes, leb(bytes, pos));
    case 15: // array.len
    case 26: // any.convert_extern
    case 27: // extern.convert_any
    case 28: // ref.i31
    case 29: // i31.get_s
    case 30: // i31.get_u
      return pos;
    case 24: // br_on_cast flags l ht ht
    case 25: // br_on_cast_fail flags l ht ht
      return leb(bytes, leb(bytes, leb(bytes, pos + 1)));
    default:
      return unknown('0xFB ', op, pos);
  }
}

function prefixedFC(bytes: Uint8Array, pos: number): number {
  const op = u32At(bytes, pos);
  pos = leb(bytes, pos);
  if (op <= 7) return pos; // trunc_sat
  switch (op) {
    case 8: // memory.init d m
    case 10: // memory.copy m m
    case 12: // table.init e t
    case 14: // table.copy t t
      return leb(bytes, leb(bytes, pos));
    case 9: // data.drop d
    case 11: // memory.fill m
    case 13: // elem.drop e
    case 15: // table.grow t
    case 16: // table.size t
    case 17: // table.fill t
      return leb(bytes, pos);
    case 19: // i64.add128 (wide arithmetic)
    case 20: // i64.sub128
    case 21: // i64.mul_wide_s
    case 22: // i64.mul_wide_u
      return pos;
    default:
      return unknown('0xFC ', op, pos);
  }
}

function prefixedFD(bytes: Uint8Array, pos: number): number {
  const op = u32At(bytes, pos);
  pos = leb(bytes, pos);
  if (op <= 11 || op === 92 || op === 93) return memarg(bytes, pos); // loads, stores, load_zero
  if (op === 12 || op === 13) return pos + 16; // v128.const, i8x16.shuffle
  if (op >= 21 && op <= 34) return pos + 1; // extract_lane / replace_lane
  if (op >= 84 && op <= 91) return memarg(bytes, pos) + 1; // load_lane / store_lane
  if (op <= 0x113) return pos; // every other SIMD and relaxed-SIMD operation has none
  return unknown('0xFD ', op, pos);
}

function prefixedFE(bytes: Uint8Array, pos: number): number {
  const op = u32At(bytes, pos);
  pos = leb(bytes, pos);
  if (op === 3) return pos + 1; // atomic.fence 0x00
  if (op <= 2 || (op >= 0x10 && op <= 0x4e)) return memarg(bytes, pos);
  return unknown('0xFE ', op, pos);
}

/**
 * Walks the instructions in `bytes[pos..end)` (a function body after its locals). Calls
 * `onLoop(offset)` with the offset just after each `loop`'s block type, where the loop's body
 * begins. Throws a WasmFormatError on an unknown opcode or if the walk does not land on `end`.
 */
export function walkInstructions(
  bytes: Uint8Array,
  pos: number,
  end: number,
  onLoop: (offset: number) => void,
): void {
  while (pos < end) {
    const op = bytes[pos++]!;
    if (op >= 0x45 && op <= 0xc4) continue; // numeric, no immediates
    switch (op) {
      case 0x00: // unreachable
      case 0x01: // nop
      case 0x05: // else
      case 0x0a: // throw_ref
      case 0x0b: // end
      case 0x0f: // return
      case 0x19: // catch_all
      case 0x1a: // drop
      case 0x1b: // select
      case 0xd1: // ref.is_null
      case 0xd3: // ref.eq
      case 0xd4: // ref.as_non_null
        break;
      case 0x02: // block bt
      case 0x04: // if bt
      case 0x06: // try bt
        pos = blockType(bytes, pos);
        break;
      case LOOP:
        pos = blockType(bytes, pos);
        onLoop(pos);
        break;
      case 0x07: // catch tag
      case 0x08: // throw tag
      case 0x09: // rethrow l
      case 0x0c: // br l
      case 0x0d: // br_if l
      case 0x10: // call f
      case 0x12: // return_call f
      case 0x14: // call_ref t
      case 0x15: // return_call_ref t
      case 0x18: // delegate l
      case 0x20: // local.get
      case 0x21: // local.set
      case 0x22: // local.tee
      case 0x23: // global.get
      case 0x24: // global.set
      case 0x25: // table.get
      case 0x26: // table.set
      case 0x3f: // memory.size m
      case 0x40: // memory.grow m
      case 0x41: // i32.const
      case 0x42: // i64.const
      case 0xd0: // ref.null ht
      case 0xd2: // ref.func f
      case 0xd5: // br_on_null l
      case 0xd6: // br_on_non_null l
        pos = leb(bytes, pos);
        break;
      case 0x0e: {
        // br_table vec(l) l
        const count = u32At(bytes, pos);
        pos = leb(bytes, pos);
        for (let i = 0; i <= count; i++) pos = leb(bytes, pos);
        break;
      }
      case 0x11: // call_indirect t table
      case 0x13: // return_call_indirect t table
        pos = leb(bytes, leb(bytes, pos));
        break;
      case 0x1c: {
        // select vec(valtype)
        const count = u32At(bytes, pos);
        pos = leb(bytes, pos);
        for (let i = 0; i < count; i++) pos = valType(bytes, pos);
        break;
      }
      case 0x1f: {
        // try_table bt vec(catch)
        pos = blockType(bytes, pos);
        const count = u32At(bytes, pos);
        pos = leb(bytes, pos);
        for (let i = 0; i < count; i++) {
          const kind = bytes[pos++]!;
          if (kind === 0x00 || kind === 0x01)
            pos = leb(bytes, pos); // catch / catch_ref: a tag
          else if (kind !== 0x02 && kind !== 0x03) unknown('try_table catch kind ', kind, pos);
          pos = leb(bytes, pos); // the label
        }
        break;
      }
      case 0x43: // f32.const
        pos += 4;
        break;
      case 0x44: // f64.const
        pos += 8;
        break;
      case 0xfb:
        pos = prefixedFB(bytes, pos);
        break;
      case 0xfc:
        pos = prefixedFC(bytes, pos);
        break;
      case 0xfd:
        pos = prefixedFD(bytes, pos);
        break;
      case 0xfe:
        pos = prefixedFE(bytes, pos);
        break;
      default:
        if (op >= 0x28 && op <= 0x3e) {
          pos = memarg(bytes, pos); // loads and stores
          break;
        }
        unknown('', op, pos - 1);
    }
  }
  if (pos !== end) throw new WasmFormatError('An instruction runs past the end of its function body', end);
}
