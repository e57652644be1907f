import { pollableCreate } from '@bytecodealliance/preview2-shim/io';
import { describe, expect, it } from 'vitest';
import { poll } from './poll.ts';

describe('poll', () => {
  it('gives the ready ones, after one task, without the 4 ms timer clamp', async () => {
    let resolveLater!: () => void;
    const later = pollableCreate(new Promise<void>((resolve) => (resolveLater = resolve)));
    const ready = pollableCreate();
    const started = performance.now();
    for (let i = 0; i < 50; i++) expect([...(await poll.poll([later, ready]))]).toEqual([1]);
    // 50 nested setTimeout(0) yields take at least 4 ms each after the fifth.
    expect(performance.now() - started).toBeLessThan(100);
    resolveLater();
  });

  it('waits for the first to become ready when none is', async () => {
    let resolve!: () => void;
    const pending = pollableCreate(new Promise<void>((r) => (resolve = r)));
    const result = poll.poll([pending]);
    setTimeout(resolve, 5);
    expect([...(await result)]).toEqual([0]);
  });

  it('refuses an empty list', async () => {
    await expect(poll.poll([])).rejects.toThrow(/must not be empty/);
  });
});
