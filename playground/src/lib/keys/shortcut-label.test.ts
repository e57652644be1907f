import { describe, expect, it } from 'vitest';
import { shortcutLabel } from './shortcut-label.ts';

describe('shortcutLabel', () => {
  it('names Ctrl on Linux and Windows', () => {
    expect(shortcutLabel('Enter', 'Linux x86_64')).toBe('Ctrl+Enter');
    expect(shortcutLabel('Enter', 'Win32')).toBe('Ctrl+Enter');
    expect(shortcutLabel('S', 'Windows')).toBe('Ctrl+S');
  });

  it('names ⌘ on Apple platforms', () => {
    expect(shortcutLabel('Enter', 'MacIntel')).toBe('⌘↵');
    expect(shortcutLabel('Enter', 'macOS')).toBe('⌘↵');
    expect(shortcutLabel('s', 'iPad')).toBe('⌘S');
  });
});
