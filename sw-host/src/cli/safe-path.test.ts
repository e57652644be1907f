import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployKey, isInside, relativeFromUrlPath, resolveInside, urlPathFor } from './safe-path.ts';

const APP = '/home/me/app';

describe('resolveInside', () => {
  it.each([
    ['dist/app.wasm', 'dist/app.wasm'],
    ['./dist/app.wasm', 'dist/app.wasm'],
    ['dist//x/../app.wasm', 'dist/app.wasm'],
    [`${APP}/dist/app.wasm`, 'dist/app.wasm'],
    ['..foo/x', '..foo/x'],
  ])('%s is inside, at %s', (path, relative) => {
    expect(resolveInside(APP, path)).toEqual({ absolute: join(APP, relative), relative });
  });

  it.each(['../secret.wasm', 'dist/../../secret', '/etc/passwd', '.', '', '/home/me/application/x'])(
    '%j is not inside',
    (path) => {
      expect(resolveInside(APP, path)).toBeUndefined();
    },
  );
});

describe('isInside', () => {
  it('is strict and segment-wise', () => {
    expect(isInside(APP, `${APP}/a`)).toBe(true);
    expect(isInside(APP, APP)).toBe(false);
    expect(isInside(APP, `${APP}-other/a`)).toBe(false);
    expect(isInside(APP, '/home/me')).toBe(false);
  });
});

describe('deployKey', () => {
  it('normalises as the deploy does', () => {
    expect(deployKey('./dist/app.wasm')).toBe('dist/app.wasm');
    expect(deployKey('/dist/app.wasm')).toBe('dist/app.wasm');
    expect(deployKey('dist/app.wasm')).toBe('dist/app.wasm');
  });
});

describe('URL paths', () => {
  it('round-trip, with each segment encoded', () => {
    for (const path of ['spin.toml', 'static/a b/ü#?.txt', 'x/%2F']) {
      const url = urlPathFor(path);
      expect(new URL(url, 'http://h').pathname).toBe(url);
      expect(relativeFromUrlPath(url)).toBe(path);
    }
    expect(urlPathFor('static/a b/x?.txt')).toBe('/_swerve/app/static/a%20b/x%3F.txt');
  });

  it.each([
    '/_swerve/app/',
    '/_swerve/app/a//b',
    '/_swerve/app/../x',
    '/_swerve/app/a/./b',
    '/_swerve/app/%2e%2e/x',
    '/_swerve/app/a%2Fb',
    '/_swerve/app/a%5Cb',
    '/_swerve/app/a%00',
    '/_swerve/app/%E0%A4%A',
    '/_swerve/apps.json',
    '/other',
  ])('%s names no file', (pathname) => {
    expect(relativeFromUrlPath(pathname)).toBeUndefined();
  });
});
