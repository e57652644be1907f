import { describe, expect, it } from 'vitest';
import { appInfoBody, wellKnownRoute } from './well-known.ts';

describe('wellKnownRoute', () => {
  it.each([
    ['/.well-known/spin/health', { kind: 'health' }],
    ['/.well-known/spin/info', { kind: 'info' }],
    ['/.well-known/spin/', { kind: 'not-found', reserved: true }],
    ['/.well-known/spin/info/', { kind: 'not-found', reserved: true }],
    ['/.well-known/spin/HEALTH', { kind: 'not-found', reserved: true }],
    ['/.well-known/spin', undefined],
    ['/.well-known/spinx/health', undefined],
    ['/health', undefined],
  ])('%j', (path, expected) => {
    expect(wellKnownRoute(path)).toEqual(expected);
  });
});

describe('appInfoBody', () => {
  it('pretty-prints name and version as Spin does', () => {
    expect(appInfoBody({ name: 'shop', version: '1.2.0' })).toBe(
      '{\n  "name": "shop",\n  "version": "1.2.0"\n}',
    );
  });

  it('leaves out a missing or empty version', () => {
    expect(appInfoBody({ name: 'shop' })).toBe('{\n  "name": "shop"\n}');
    expect(appInfoBody({ name: 'shop', version: '' })).toBe('{\n  "name": "shop"\n}');
  });
});
