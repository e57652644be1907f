/**
 * `wasi:random/random@0.3` and `insecure@0.3` for a WASI 0.3 guest, from `crypto.getRandomValues`.
 *
 * WASI 0.3's `get-random-bytes(max-len)` returns up to `max-len` bytes (a guest that needs more
 * asks again), so the host gives at most 64 KiB per call: what one `getRandomValues` call may
 * fill, and a bound on what a guest can make the host allocate at once (`max-len` is a u64; a
 * guest asking for 2^60 bytes gets 64 KiB). preview3-shim's version allocates whatever is asked.
 * The insecure interface gets the same bytes: the host has no cheaper source worth having.
 */
import type * as Random from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-random-random.js';
import type * as Insecure from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-random-insecure.js';
import type { HostSide } from '../../capabilities/host-side.ts';

/** The most bytes `crypto.getRandomValues` fills in one call, and one call here gives. */
export const MAX_RANDOM_BYTES = 65_536;

function randomBytes(maxLen: bigint): Uint8Array {
  const length = maxLen < BigInt(MAX_RANDOM_BYTES) ? Number(maxLen) : MAX_RANDOM_BYTES;
  return crypto.getRandomValues(new Uint8Array(length));
}

function randomU64(): bigint {
  return crypto.getRandomValues(new BigUint64Array(1))[0]!;
}

export const random = {
  getRandomBytes: randomBytes,
  getRandomU64: randomU64,
} satisfies HostSide<typeof Random>;
export const insecure = {
  getInsecureRandomBytes: randomBytes,
  getInsecureRandomU64: randomU64,
} satisfies HostSide<typeof Insecure>;
