import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMonotonicClock } from './monotonic-clock.ts';

afterEach(() => vi.useRealTimers());

describe('wasi:clocks/monotonic-clock@0.3 (createMonotonicClock)', () => {
  it('tells the time in nanoseconds, never going back, with a resolution of 1 ms', () => {
    const clock = createMonotonicClock(new AbortController().signal);
    const first = clock.now();
    const second = clock.now();
    expect(typeof first).toBe('bigint');
    expect(second).toBeGreaterThanOrEqual(first);
    expect(Number(first) / 1e6).toBeCloseTo(performance.now(), -1);
    expect(clock.getResolution()).toBe(1_000_000n);
  });

  it('wait-for resolves once the duration has passed, not before; wait-until once the mark is reached', async () => {
    vi.useFakeTimers();
    const clock = createMonotonicClock(new AbortController().signal);
    let waited = false;
    // 2.5 ms: rounded up to whole milliseconds, so never early.
    const wait = clock.waitFor(2_500_000n).then(() => (waited = true));
    await vi.advanceTimersByTimeAsync(2);
    expect(waited).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await wait;
    expect(waited).toBe(true);

    let reached = false;
    const until = clock.waitUntil(clock.now() + 5_000_000n).then(() => (reached = true));
    await vi.advanceTimersByTimeAsync(4);
    expect(reached).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    await until;
    expect(reached).toBe(true);
  });

  it('a mark already passed and a zero duration resolve at once', async () => {
    const clock = createMonotonicClock(new AbortController().signal);
    await expect(clock.waitUntil(0n)).resolves.toBeUndefined();
    await expect(clock.waitFor(0n)).resolves.toBeUndefined();
  });

  it('waits longer than one timer can take (a u64 duration) in several', async () => {
    vi.useFakeTimers();
    const clock = createMonotonicClock(new AbortController().signal);
    let waited = false;
    const days30 = 30n * 24n * 3600n * 1_000_000_000n;
    void clock.waitFor(days30).then(() => (waited = true));
    await vi.advanceTimersByTimeAsync(0x7fff_ffff);
    expect(waited).toBe(false);
    await vi.advanceTimersByTimeAsync(30 * 24 * 3600 * 1000 - 0x7fff_ffff);
    expect(waited).toBe(true);
  });

  it('a wait in progress ends, rejecting, when the instance is stopped; one asked after refuses at once', async () => {
    vi.useFakeTimers();
    const stop = new AbortController();
    const clock = createMonotonicClock(stop.signal);
    const wait = clock.waitFor(60_000_000_000n);
    const stopped = new Error('the deadline passed');
    stop.abort(stopped);
    await expect(wait).rejects.toBe(stopped);
    // No timer is left behind.
    expect(vi.getTimerCount()).toBe(0);
    await expect(clock.waitFor(1n)).rejects.toBe(stopped);
  });
});
