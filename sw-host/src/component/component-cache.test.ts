import { describe, expect, it, vi } from 'vitest';
import { ComponentCache } from './component-cache.ts';
import type { LoadedComponent } from './loaded-component.ts';

const loaded = (version: string) => ({ version }) as LoadedComponent;

describe('ComponentCache', () => {
  it('loads each version once, even for concurrent requests', async () => {
    const cache = new ComponentCache();
    const load = vi.fn(async () => loaded('v1'));
    const [a, b] = await Promise.all([cache.get('v1', load), cache.get('v1', load)]);
    expect(a).toBe(b);
    await cache.get('v1', load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads a new version separately', async () => {
    const cache = new ComponentCache();
    expect((await cache.get('v1', async () => loaded('v1'))).version).toBe('v1');
    expect((await cache.get('v2', async () => loaded('v2'))).version).toBe('v2');
  });

  it('retries a load that failed', async () => {
    const cache = new ComponentCache();
    await expect(cache.get('v1', () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect((await cache.get('v1', async () => loaded('v1'))).version).toBe('v1');
  });
});
