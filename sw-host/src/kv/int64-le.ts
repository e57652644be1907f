/**
 * The counter encoding of `wasi:keyvalue/atomics.increment` in Spin: a signed 64-bit integer,
 * 8 bytes little-endian (Spin's SQLite store, `crates/key-value-spin/src/store.rs`), so a guest
 * can `get` a counter and read it with `i64::from_le_bytes`.
 */

/** The byte length of an encoded counter. */
export const INT64_BYTES = 8;

/** `value` (wrapped to signed 64 bits) as 8 little-endian bytes. */
export function encodeInt64LE(value: bigint): Uint8Array {
  const bytes = new Uint8Array(INT64_BYTES);
  new DataView(bytes.buffer).setBigInt64(0, BigInt.asIntN(64, value), true);
  return bytes;
}

/** The signed 64-bit integer in `bytes`, or `undefined` when `bytes` is not exactly 8 long. */
export function decodeInt64LE(bytes: Uint8Array): bigint | undefined {
  if (bytes.byteLength !== INT64_BYTES) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, INT64_BYTES).getBigInt64(0, true);
}

/**
 * `current + delta` with signed 64-bit wrap-around, as Spin's release build computes it
 * (Rust's `+` on `i64` wraps when overflow checks are off, which is the release default).
 */
export function addInt64(current: bigint, delta: bigint): bigint {
  return BigInt.asIntN(64, current + delta);
}
