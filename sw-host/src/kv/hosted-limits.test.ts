import { describe, expect, it } from 'vitest';
import { HOSTED_KV_LIMITS, hostedLimitWarnings } from './hosted-limits.ts';

describe('hostedLimitWarnings', () => {
  it('says nothing for a write within the limits', () => {
    expect(hostedLimitWarnings('default', 'k'.repeat(256), 1024 * 1024, 1024)).toEqual([]);
  });

  it('counts key size in UTF-8 bytes', () => {
    expect(hostedLimitWarnings('default', 'é'.repeat(128), 1, 1)).toEqual([]);
    const [warning] = hostedLimitWarnings('default', 'é'.repeat(129), 1, 1);
    expect(warning?.limit).toBe('key-size');
    expect(warning?.message).toContain('258 bytes, over the hosted limit of 256');
  });

  it('warns for a value over 1 MiB and a store over 1024 keys', () => {
    const warnings = hostedLimitWarnings('cache', 'k', HOSTED_KV_LIMITS.valueBytes + 1, 1025);
    expect(warnings.map((w) => w.limit)).toEqual(['value-size', 'key-count']);
    expect(warnings[0]?.message).toMatch(
      /^\[swerve\] key-value store "cache": the value of "k" is 1048577 bytes/,
    );
    expect(warnings[1]?.message).toContain('now holds 1025 keys');
    expect(warnings[1]?.message).toContain('would fail on Fermyon Cloud (local Spin accepts it)');
  });

  it('ignores the key count when it is not known', () => {
    expect(hostedLimitWarnings('default', 'k', 1, undefined)).toEqual([]);
  });
});
