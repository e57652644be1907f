import { describe, expect, it } from 'vitest';
import { guestPoolSize } from './guest-workers.ts';

describe('guestPoolSize', () => {
  it('starts a worker per core, at least 2 and at most 4', () => {
    expect([1, 2, 3, 4, 8, 64].map(guestPoolSize)).toEqual([2, 2, 3, 4, 4, 4]);
  });

  it('starts 2 where the browser does not say how many cores it has', () => {
    expect(guestPoolSize(undefined)).toBe(2);
    expect(guestPoolSize(0)).toBe(2);
  });
});
