import { describe, expect, it } from 'vitest';
import { createInsecureSeed } from './insecure-seed.ts';
import { insecure, MAX_RANDOM_BYTES, random } from './random.ts';

describe('wasi:random/random and insecure @0.3', () => {
  it('gives as many bytes as asked, fresh each call', () => {
    const first = random.getRandomBytes(32n);
    const second = random.getRandomBytes(32n);
    expect(first).toBeInstanceOf(Uint8Array);
    expect(first.length).toBe(32);
    expect(first).not.toEqual(second);
    expect(random.getRandomBytes(0n).length).toBe(0);
    expect(insecure.getInsecureRandomBytes(7n).length).toBe(7);
  });

  it('gives at most 64 KiB per call, however many a guest asks for (max-len is a u64)', () => {
    expect(random.getRandomBytes(BigInt(MAX_RANDOM_BYTES)).length).toBe(65_536);
    expect(random.getRandomBytes(BigInt(MAX_RANDOM_BYTES) + 1n).length).toBe(65_536);
    expect(random.getRandomBytes(2n ** 64n - 1n).length).toBe(65_536);
    // Not all zeros: the whole buffer was filled.
    expect(
      random
        .getRandomBytes(2n ** 40n)
        .slice(-64)
        .some((byte) => byte !== 0),
    ).toBe(true);
  });

  it('u64s are bigints in range, and differ', () => {
    const values = [random.getRandomU64(), random.getRandomU64(), insecure.getInsecureRandomU64()];
    for (const value of values) {
      expect(typeof value).toBe('bigint');
      expect(value).toBeGreaterThanOrEqual(0n);
      expect(value).toBeLessThan(2n ** 64n);
    }
    expect(new Set(values).size).toBe(3);
  });
});

describe('wasi:random/insecure-seed@0.3 (createInsecureSeed)', () => {
  it('one instance gets the same seed every call; two instances get different ones', () => {
    const one = createInsecureSeed();
    const other = createInsecureSeed();
    expect(one.getInsecureSeed()).toEqual(one.getInsecureSeed());
    expect(one.getInsecureSeed()).toHaveLength(2);
    expect(one.getInsecureSeed()).not.toEqual(other.getInsecureSeed());
  });
});
