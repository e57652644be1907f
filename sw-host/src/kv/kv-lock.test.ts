import { describe, expect, it, vi } from 'vitest';
import { InProcessKvLock, WebLocksKvLock, defaultKvLock, globalLockManager } from './kv-lock.ts';
import type { LockManagerLike } from './kv-lock.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('InProcessKvLock', () => {
  it('runs tasks on one name one at a time, in order', async () => {
    const lock = new InProcessKvLock();
    const events: string[] = [];
    const task = (id: string) => async () => {
      events.push(`start ${id}`);
      await tick();
      events.push(`end ${id}`);
      return id;
    };
    const results = await Promise.all([
      lock.run('a', task('1')),
      lock.run('a', task('2')),
      lock.run('a', task('3')),
    ]);
    expect(results).toEqual(['1', '2', '3']);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('does not make different names wait for each other', async () => {
    const lock = new InProcessKvLock();
    let releaseA!: () => void;
    const a = lock.run('a', () => new Promise<void>((resolve) => (releaseA = resolve)));
    await expect(lock.run('b', async () => 'b ran')).resolves.toBe('b ran');
    releaseA();
    await a;
  });

  it('releases the lock when a task fails', async () => {
    const lock = new InProcessKvLock();
    await expect(lock.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('a', async () => 'next')).resolves.toBe('next');
  });
});

describe('WebLocksKvLock', () => {
  it('asks the lock manager for an exclusive lock on the name', async () => {
    const request = vi.fn(
      (_name: string, _options: { mode: 'exclusive' }, callback: () => Promise<unknown>) => callback(),
    );
    const lock = new WebLocksKvLock({ request } as LockManagerLike);
    await expect(lock.run('swerve-kv-v1:app:default', async () => 5)).resolves.toBe(5);
    expect(request).toHaveBeenCalledWith(
      'swerve-kv-v1:app:default',
      { mode: 'exclusive' },
      expect.any(Function),
    );
  });

  it("falls back to an in-process mutex where the browser denies Web Locks, and keeps the task's own errors", async () => {
    const denied = Object.assign(new Error('The request was denied.'), { name: 'SecurityError' });
    const request = vi.fn(async () => {
      throw denied;
    });
    const lock = new WebLocksKvLock({ request } as unknown as LockManagerLike);
    const order: string[] = [];
    const first = lock.run('n', async () => {
      order.push('first starts');
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('first ends');
    });
    const second = lock.run('n', async () => {
      order.push('second');
    });
    await Promise.all([first, second]);
    expect(order).toEqual(['first starts', 'first ends', 'second']);
    await expect(
      new WebLocksKvLock({
        request: (_n: string, _o: unknown, callback: () => Promise<unknown>) => callback(),
      } as LockManagerLike).run('n', async () => {
        throw denied;
      }),
    ).rejects.toBe(denied);
  });
});

describe('defaultKvLock', () => {
  it('falls back to one shared in-process lock without Web Locks', () => {
    expect(globalLockManager()).toBeUndefined();
    expect(defaultKvLock()).toBeInstanceOf(InProcessKvLock);
    expect(defaultKvLock()).toBe(defaultKvLock());
  });

  it('uses Web Locks when the realm has them', () => {
    const locks: LockManagerLike = { request: (_name, _options, callback) => callback() };
    vi.stubGlobal('navigator', { locks });
    try {
      expect(globalLockManager()).toBe(locks);
      expect(defaultKvLock()).toBeInstanceOf(WebLocksKvLock);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
