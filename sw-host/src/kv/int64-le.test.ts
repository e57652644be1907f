import { describe, expect, it } from 'vitest';
import { addInt64, decodeInt64LE, encodeInt64LE } from './int64-le.ts';

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

describe('signed 64-bit little-endian counters', () => {
  it('encodes least significant byte first', () => {
    expect(encodeInt64LE(1n)).toEqual(Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0));
    expect(encodeInt64LE(0x0102030405060708n)).toEqual(Uint8Array.of(8, 7, 6, 5, 4, 3, 2, 1));
    expect(encodeInt64LE(-1n)).toEqual(new Uint8Array(8).fill(0xff));
    expect(encodeInt64LE(MIN)).toEqual(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0x80));
  });

  it('round-trips the whole range', () => {
    for (const value of [0n, 1n, -1n, 42n, -42n, MAX, MIN, 1n << 40n]) {
      expect(decodeInt64LE(encodeInt64LE(value))).toBe(value);
    }
  });

  it('reads a view at an offset', () => {
    const buffer = new Uint8Array(12);
    buffer.set(encodeInt64LE(-7n), 3);
    expect(decodeInt64LE(buffer.subarray(3, 11))).toBe(-7n);
  });

  it('refuses anything that is not exactly 8 bytes', () => {
    expect(decodeInt64LE(new Uint8Array(0))).toBeUndefined();
    expect(decodeInt64LE(new Uint8Array(7))).toBeUndefined();
    expect(decodeInt64LE(new Uint8Array(9))).toBeUndefined();
    expect(decodeInt64LE(new TextEncoder().encode('1'))).toBeUndefined();
  });

  it('adds with wrap-around, like Spin’s release build', () => {
    expect(addInt64(40n, 2n)).toBe(42n);
    expect(addInt64(MAX, 1n)).toBe(MIN);
    expect(addInt64(MIN, -1n)).toBe(MAX);
  });
});
