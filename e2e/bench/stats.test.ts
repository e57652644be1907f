import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats.ts';

describe('summarize', () => {
  it('gives nearest-rank percentiles of 1..100', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(samples)).toEqual({ n: 100, median: 50, p90: 90, p99: 99, mean: 50.5 });
  });

  it('handles a single sample and an empty one', () => {
    expect(summarize([7])).toMatchObject({ median: 7, p90: 7, p99: 7 });
    expect(percentile([], 50)).toBeNaN();
  });
});
