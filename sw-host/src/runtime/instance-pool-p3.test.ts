import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  P3InstancePool,
  SPIN_P3_RC_INSTANCES,
  SPIN_P3_REUSE,
  type P3Lease,
  type P3PoolLimits,
} from './instance-pool-p3.ts';

/** A pool whose instances are numbered in the order they were made. */
function numberedPool(limits: P3PoolLimits = SPIN_P3_REUSE) {
  let made = 0;
  return new P3InstancePool(async () => ++made, limits);
}

async function acquireMany<T>(pool: P3InstancePool<T>, count: number): Promise<P3Lease<T>[]> {
  const leases = [];
  for (let i = 0; i < count; i++) leases.push(await pool.acquire());
  return leases;
}

describe('P3InstancePool (Spin 4 reuse: 128 requests per instance, 16 at once, 1 s idle)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('has the limits Spin 4 uses', () => {
    expect(SPIN_P3_REUSE).toEqual({ maxRequests: 128, maxConcurrent: 16, idleMs: 1000 });
  });

  it("gives a release candidate's requests a fresh instance each, in turn or at once, as Spin's main branch does", async () => {
    const pool = numberedPool(SPIN_P3_RC_INSTANCES);
    const first = await pool.acquire();
    first.release();
    const atOnce = await acquireMany(pool, 2);
    expect([first, ...atOnce].map((lease) => [lease.instance, lease.requestNumber, lease.fresh])).toEqual([
      [1, 1, true],
      [2, 1, true],
      [3, 1, true],
    ]);
    // None is kept for a later request.
    expect(pool.size).toBe(0);
  });

  it('gives requests one after another to one instance, 128 times, then makes a fresh one', async () => {
    const pool = numberedPool();
    const seen: [number, number, boolean][] = [];
    for (let i = 0; i < 130; i++) {
      const lease = await pool.acquire();
      seen.push([lease.instance, lease.requestNumber, lease.fresh]);
      lease.release();
    }
    expect(seen.slice(0, 2)).toEqual([
      [1, 1, true],
      [1, 2, false],
    ]);
    expect(seen[127]).toEqual([1, 128, false]);
    expect(seen.slice(128)).toEqual([
      [2, 1, true],
      [2, 2, false],
    ]);
  });

  it('runs up to 16 requests at once on one instance; the 17th gets a new instance', async () => {
    const pool = numberedPool();
    const leases = await acquireMany(pool, 17);
    expect(leases.slice(0, 16).map((lease) => lease.instance)).toEqual(Array(16).fill(1));
    expect(leases[16]).toMatchObject({ instance: 2, requestNumber: 1, fresh: true });
    // Once one of the first 16 is done, its instance has room again: the busiest one is chosen.
    leases[0]!.release();
    expect((await pool.acquire()).instance).toBe(1);
  });

  it('lets a spent instance finish the requests it has, and gives it no more', async () => {
    const pool = numberedPool({ maxRequests: 3, maxConcurrent: 16, idleMs: 1000 });
    const leases = await acquireMany(pool, 3);
    expect(leases.map((lease) => lease.instance)).toEqual([1, 1, 1]);
    expect(pool.size).toBe(0);
    expect((await pool.acquire()).instance).toBe(2);
    for (const lease of leases) lease.release();
    expect((await pool.acquire()).instance).toBe(2);
  });

  it('discards an instance whose request trapped or passed its deadline, even while it serves others', async () => {
    const pool = numberedPool();
    const [stopped, other] = await acquireMany(pool, 2);
    stopped!.release({ discard: true });
    expect(pool.size).toBe(0);
    const next = await pool.acquire();
    expect(next).toMatchObject({ instance: 2, fresh: true });
    // The other request on the discarded instance ends as usual, and brings it no new request.
    other!.release();
    expect((await pool.acquire()).instance).toBe(2);
  });

  it('lets an instance go after 1 s without a request, and keeps one that gets a request in time', async () => {
    const pool = numberedPool();
    (await pool.acquire()).release();
    await vi.advanceTimersByTimeAsync(900);
    const kept = await pool.acquire();
    expect(kept).toMatchObject({ instance: 1, requestNumber: 2 });
    // Busy instances are never let go, however long their request takes.
    await vi.advanceTimersByTimeAsync(5000);
    expect(pool.size).toBe(1);
    kept.release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(pool.size).toBe(0);
    expect(await pool.acquire()).toMatchObject({ instance: 2, fresh: true });
  });

  it('makes one instance for requests that arrive while it is being made', async () => {
    let made = 0;
    let finish!: () => void;
    const ready = new Promise<void>((resolve) => (finish = resolve));
    const pool = new P3InstancePool(async () => {
      made += 1;
      await ready;
      return made;
    });
    const waiting = [pool.acquire(), pool.acquire(), pool.acquire()];
    finish();
    const leases = await Promise.all(waiting);
    expect(made).toBe(1);
    expect(leases.map((lease) => lease.requestNumber)).toEqual([1, 2, 3]);
    expect(leases.map((lease) => lease.fresh)).toEqual([true, false, false]);
  });

  it('passes on a failed instantiation and tries afresh for the next request', async () => {
    let attempts = 0;
    const pool = new P3InstancePool(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('its start function trapped');
      return attempts;
    });
    await expect(pool.acquire()).rejects.toThrow('its start function trapped');
    expect(pool.size).toBe(0);
    expect(await pool.acquire()).toMatchObject({ instance: 2, requestNumber: 1 });
  });

  it('ignores a second release of one lease', async () => {
    const pool = numberedPool({ maxRequests: 128, maxConcurrent: 2, idleMs: 1000 });
    const [first, second] = await acquireMany(pool, 2);
    first!.release();
    first!.release();
    // Had the second release counted, instance 1 would take two more at once.
    await pool.acquire();
    expect((await pool.acquire()).instance).toBe(2);
    second!.release();
  });
});
