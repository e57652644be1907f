import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../protocol/request-record.ts';
import { Journal } from './journal.ts';

const record = (id: number): RequestRecord => ({
  id,
  at: 0,
  app: 'a',
  method: 'GET',
  path: '/',
  status: 200,
  timings: { loadMs: 0, instantiateMs: 0, handleMs: 0, totalMs: 0 },
});

describe('Journal', () => {
  it('hands out increasing ids and returns the records after a given id', () => {
    const journal = new Journal<RequestRecord>();
    const ids = [journal.nextId(), journal.nextId(), journal.nextId()];
    expect(ids).toEqual([1, 2, 3]);
    ids.forEach((id) => journal.add(record(id)));
    expect(journal.since(1).map((r) => r.id)).toEqual([2, 3]);
    expect(journal.since().map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('keeps only the newest 1,000 records', () => {
    const journal = new Journal<RequestRecord>();
    for (let i = 0; i < 1_005; i++) journal.add(record(journal.nextId()));
    const kept = journal.since();
    expect(kept).toHaveLength(1_000);
    expect(kept[0]?.id).toBe(6);
  });
});
