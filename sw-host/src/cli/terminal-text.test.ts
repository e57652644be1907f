import { describe, expect, it } from 'vitest';
import { fromBrowser, printable, TERMINAL_LINE_LIMIT } from './terminal-text.ts';

describe('printable', () => {
  it('writes escape sequences, carriage returns and other controls as their escapes', () => {
    expect(printable('a\x1b[2J\x1b]0;title\x07b')).toBe('a\\x1b[2J\\x1b]0;title\\x07b');
    expect(printable('done\rfake')).toBe('done\\rfake');
    expect(printable('\x9b31m \x7f \x00')).toBe('\\x9b31m \\x7f \\x00');
    expect(printable('abc\u202edcba')).toBe('abc\\u202edcba');
  });

  it('keeps text, tabs, newlines and non-Latin letters as they are, and is idempotent', () => {
    const text = 'GET /é → 200\tin 1 ms\n日本 ✓';
    expect(printable(text)).toBe(text);
    expect(printable(printable('\x1b'))).toBe('\\x1b');
  });
});

describe('fromBrowser', () => {
  it('indents every line after the first, so nothing posted passes for a line of its own', () => {
    expect(fromBrowser('one\nGET /admin → 200')).toBe('one\n    GET /admin → 200');
  });

  it(`cuts a message at ${TERMINAL_LINE_LIMIT} characters and says how much was left out`, () => {
    const text = fromBrowser('x'.repeat(TERMINAL_LINE_LIMIT + 500));
    expect(text.startsWith('x'.repeat(TERMINAL_LINE_LIMIT))).toBe(true);
    expect(text).toContain(
      `… (500 more characters not shown: over the ${TERMINAL_LINE_LIMIT}-character limit`,
    );
    expect(text.length).toBeLessThan(TERMINAL_LINE_LIMIT + 200);
  });
});
