import { describe, expect, it } from 'vitest';
import { comparePatterns, matchPattern, parsePattern, type RoutePattern } from './route-pattern.ts';

function pattern(source: string): RoutePattern {
  const parsed = parsePattern(source);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.pattern;
}

/** Segments written compactly: `/` slash, `.` dot, `:x` param, `*` wildcard, `"t"` literal. */
function shape(source: string): string {
  return pattern(source)
    .segments.map((s) =>
      s.kind === 'slash'
        ? '/'
        : s.kind === 'dot'
          ? '.'
          : s.kind === 'param'
            ? `:${s.name}`
            : s.kind === 'wildcard'
              ? '*'
              : `"${s.text}"`,
    )
    .join(' ');
}

describe('parsePattern', () => {
  it.each([
    ['', ''],
    ['/', ''],
    ['/cart', '"cart"'],
    ['/cart/', '"cart"'],
    ['cart', '"cart"'],
    ['/users/:id', '"users" / :id'],
    ['/users/:id/*', '"users" / :id / *'],
    ['/*', '*'],
    ['/index.html', '"index." "html"'],
    ['/:file.json', ':file . "json"'],
    ['/.well-known/spin/*', '. "well-known" / "spin" / *'],
    ['/a//b', '"a" / "b"'],
    ['/foo...', '"foo..."'],
  ])('%j splits into %s', (source, expected) => {
    expect(shape(source)).toBe(expected);
  });

  it.each([
    ['/:', 'params must be named'],
    ['/a/*rest', "since there can only be one wildcard, it doesn't need a name. replace `*rest` with `*`"],
    ['/a/*/b', 'a wildcard may only come last; write `/...` at the end of the route'],
  ])('refuses %j', (source, reason) => {
    expect(parsePattern(source)).toEqual({ ok: false, reason });
  });
});

describe('matchPattern', () => {
  it.each<[string, string, ReturnType<typeof matchPattern>]>([
    ['/cart', '/cart', { params: [], wildcard: undefined }],
    ['/cart', '/cart/', { params: [], wildcard: undefined }],
    ['/cart', '//cart//', { params: [], wildcard: undefined }],
    ['/cart', '/cart/checkout', undefined],
    ['/cart', '/carts', undefined],
    ['/cart', '/Cart', undefined],
    ['', '/', { params: [], wildcard: undefined }],
    ['', '/x', undefined],
    ['/*', '/', { params: [], wildcard: '' }],
    ['/*', '/1/2/3', { params: [], wildcard: '1/2/3' }],
    ['/*', '/1/2/3/', { params: [], wildcard: '1/2/3' }],
    ['/users/*', '/users', { params: [], wildcard: '' }],
    ['/users/*', '/users/', { params: [], wildcard: '' }],
    ['/users/*', '/users/1/edit', { params: [], wildcard: '1/edit' }],
    ['/users/*', '/usersx', undefined],
    ['/users/:id', '/users/42', { params: [['id', '42']], wildcard: undefined }],
    ['/users/:id', '/users/42.json', { params: [['id', '42.json']], wildcard: undefined }],
    ['/users/:id', '/users', undefined],
    ['/users/:id', '/users/42/x', undefined],
    ['/a/:b/c', '/a//c', { params: [['b', '']], wildcard: undefined }],
    ['/a/:b/*', '/a/1/2/3', { params: [['b', '1']], wildcard: '2/3' }],
    ['/a/:b/*', '/a/1', { params: [['b', '1']], wildcard: '' }],
    ['/:file.json', '/data.json', { params: [['file', 'data']], wildcard: undefined }],
    ['/:file.json', '/data.xml', undefined],
    ['/:file.json', '/data', undefined],
    ['/:file.json', '/a.b.json', undefined],
    ['/index.html', '/index.html', { params: [], wildcard: undefined }],
    ['/%7Euser', '/%7Euser', { params: [], wildcard: undefined }],
    ['/%7Euser', '/~user', undefined],
  ])('%j on %j', (source, path, expected) => {
    expect(matchPattern(pattern(source), path)).toEqual(expected);
  });
});

describe('comparePatterns', () => {
  const order = (...sources: string[]) =>
    sources
      .map((source, i) => ({ source, i, p: pattern(source) }))
      .reduce<{ source: string; p: RoutePattern }[]>((sorted, entry) => {
        const at = sorted.findIndex((other) => comparePatterns(entry.p, other.p) < 0);
        sorted.splice(at === -1 ? sorted.length : at, 0, entry);
        return sorted;
      }, [])
      .map((e) => e.source);

  it('tries literals before params before wildcards, segment by segment', () => {
    expect(order('/*', '/:param', '/hello')).toEqual(['/hello', '/:param', '/*']);
    expect(order('/a/:x/c', '/a/b/*')).toEqual(['/a/b/*', '/a/:x/c']);
  });

  it('tries a longer literal prefix first, whatever the order written', () => {
    expect(order('/one/*', '/one/two/*', '/one/two/three/*')).toEqual([
      '/one/two/three/*',
      '/one/two/*',
      '/one/*',
    ]);
    expect(order('/one/two/three/*', '/one/two/*', '/one/*')).toEqual([
      '/one/two/three/*',
      '/one/two/*',
      '/one/*',
    ]);
  });

  it('tries the shorter route first when all shared segments tie', () => {
    expect(order('/a/*', '/a')).toEqual(['/a', '/a/*']);
  });

  it('keeps the order written among full ties', () => {
    expect(order('/a/:x', '/a/:y', '/b/:z')).toEqual(['/a/:x', '/a/:y', '/b/:z']);
    expect(order('/b/:z', '/a/:y')).toEqual(['/b/:z', '/a/:y']);
  });

  it('tries the route with more dots first', () => {
    expect(order('/:name', '/:name.json')).toEqual(['/:name.json', '/:name']);
  });
});
