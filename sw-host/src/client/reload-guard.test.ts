import { afterEach, describe, expect, it, vi } from 'vitest';
import { RELOAD_LOOP_WINDOW_MS, reloadUnlessLooping } from './reload-guard.ts';

/** A page at `href` with session storage and a reload that is counted. */
function page(href: string) {
  const stored = new Map<string, string>();
  const reloads = { count: 0 };
  vi.stubGlobal('location', { href, reload: () => reloads.count++ });
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => stored.set(key, value),
    removeItem: (key: string) => stored.delete(key),
  });
  return reloads;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('reloadUnlessLooping', () => {
  it('reloads once, and says the page is stuck when the reload came back to the server', () => {
    const reloads = page('http://a.swerve.localhost/x');
    expect(reloadUnlessLooping('k')).toBe('reloading');
    expect(reloadUnlessLooping('k')).toBe('stuck');
    expect(reloads.count).toBe(1);
    // The flag is cleared: a reload by the visitor later tries again.
    expect(reloadUnlessLooping('k')).toBe('reloading');
  });

  it('reloads again for another URL, or once the loop window has passed', () => {
    vi.useFakeTimers();
    const reloads = page('http://a.swerve.localhost/x');
    reloadUnlessLooping('k');
    vi.advanceTimersByTime(RELOAD_LOOP_WINDOW_MS);
    expect(reloadUnlessLooping('k')).toBe('reloading');
    (location as { href: string }).href = 'http://a.swerve.localhost/y';
    expect(reloadUnlessLooping('k')).toBe('reloading');
    expect(reloads.count).toBe(3);
  });
});
