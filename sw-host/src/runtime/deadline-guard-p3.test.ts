import { describe, expect, it } from 'vitest';
import { SwerveError } from '../errors.ts';
import { MemoryKvBackend } from '../kv/index.ts';
import { P3InstanceDeadline } from './deadline-p3.ts';

const never = () => new Promise<never>(() => undefined);

describe('P3InstanceDeadline.guard (host operations of a reused WASI 0.3 instance)', () => {
  it('passes operations through while no request is past its deadline', async () => {
    const deadline = new P3InstanceDeadline();
    const store = deadline.guard(new MemoryKvBackend());
    await deadline.run(200, async () => {
      await store.set('k', new Uint8Array([1]));
    });
    expect(await store.get('k')).toEqual(new Uint8Array([1]));
  });

  it('refuses every operation once a request’s deadline has stopped the instance, for every request on it', async () => {
    const deadline = new P3InstanceDeadline();
    const backend = new MemoryKvBackend();
    const store = deadline.guard(backend);
    await expect(deadline.run(20, never)).rejects.toThrow(SwerveError);
    expect(() => store.set('late', new Uint8Array([1]))).toThrow(
      'a request on its instance passed its deadline, which stops the instance',
    );
    expect(() => store.get('k')).toThrow(SwerveError);
    // Nothing was written behind the guard.
    expect(await backend.exists('late')).toBe(false);
  });
});
