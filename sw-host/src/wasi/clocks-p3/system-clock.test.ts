import { describe, expect, it } from 'vitest';
import { systemClock } from './system-clock.ts';

describe('wasi:clocks/system-clock@0.3', () => {
  it('now is an instant since the epoch, seconds as a bigint and nanoseconds below a second, matching Date.now()', () => {
    const before = Date.now();
    const { seconds, nanoseconds } = systemClock.now();
    const after = Date.now();
    expect(typeof seconds).toBe('bigint');
    expect(nanoseconds).toBeGreaterThanOrEqual(0);
    expect(nanoseconds).toBeLessThan(1e9);
    const ms = Number(seconds) * 1000 + nanoseconds / 1e6;
    expect(ms).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it('get-resolution is a duration in nanoseconds (u64)', () => {
    const resolution = systemClock.getResolution();
    expect(typeof resolution).toBe('bigint');
    expect(resolution).toBeGreaterThan(0n);
    expect(resolution).toBeLessThanOrEqual(1_000_000_000n);
  });
});
