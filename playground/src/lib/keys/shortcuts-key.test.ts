import { describe, expect, it } from 'vitest';
import { opensShortcuts } from './shortcuts-key.ts';

/** A stand-in for an element: `closest` answers whether it sits in something `?` types into. */
const inside = (typing: boolean) => ({ closest: () => (typing ? {} : null) }) as unknown as EventTarget;
const key = (k: string, typing: boolean, extra: Partial<KeyboardEvent> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: inside(typing),
  ...extra,
});

describe('opensShortcuts', () => {
  it('opens on ? outside text, not in the editor or a field, not for other keys or with a modifier', () => {
    expect(opensShortcuts(key('?', false))).toBe(true);
    expect(opensShortcuts(key('?', true))).toBe(false);
    expect(opensShortcuts(key('/', false))).toBe(false);
    expect(opensShortcuts(key('?', false, { ctrlKey: true }))).toBe(false);
  });

  it('looks inside a shadow root (the editor is in one): the first element of the path decides', () => {
    expect(opensShortcuts({ ...key('?', false), composedPath: () => [inside(true)] })).toBe(false);
  });
});
