import { describe, expect, it } from 'vitest';
import { checkReturnPath } from './return-path.ts';

describe('checkReturnPath', () => {
  it.each([
    [null, '/'],
    ['', '/'],
    ['/', '/'],
    ['/version?x=1#top', '/version?x=1#top'],
    ['/a/../b', '/a/../b'],
  ])('%j goes to %j', (to, path) => {
    expect(checkReturnPath(to)).toEqual({ ok: true, path });
  });

  it.each([
    // Browsers drop tabs and newlines, and read \ as /: each of these would become //evil.example.
    ['/\t/evil.example', 'has a control character'],
    ['/\n/evil.example', 'has a control character'],
    ['/\r\n/evil.example', 'has a control character'],
    ['/\\evil.example', 'has a backslash'],
    ['//evil.example/', 'does not start with a single /'],
    ['https://evil.example/', 'does not start with a single /'],
    ['version', 'does not start with a single /'],
    ['/_swerve/up?to=/x', "is one of Swerve's own paths"],
    ['/sw.js', "is one of Swerve's own paths"],
  ])('%j is refused: it %s', (to, why) => {
    const checked = checkReturnPath(to);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.problem).toContain(`?to= must be a path of this app: ${JSON.stringify(to)} ${why}`);
      expect(checked.problem).toContain('as in /_swerve/up?to=/hello');
    }
  });
});
