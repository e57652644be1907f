import { describe, expect, it } from 'vitest';
import { sinceMark } from './app-reset.ts';

const record = (id: number, at: number) => ({ id, at });

describe('sinceMark', () => {
  it("keeps only the records after the mark: the test's own", () => {
    const records = [record(4, 100), record(5, 101), record(6, 150), record(7, 151)];
    expect(sinceMark(records, 5, 120)).toEqual([record(6, 150), record(7, 151)]);
  });

  it('keeps nothing when nothing came after the mark', () => {
    expect(sinceMark([record(4, 100), record(5, 101)], 5, 120)).toEqual([]);
  });

  it('after a service worker restart (ids from 1 again), keeps the records made since the mark', () => {
    expect(sinceMark([record(1, 130), record(2, 140)], 5, 120)).toEqual([record(1, 130), record(2, 140)]);
  });
});
