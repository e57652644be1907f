import { describe, expect, it } from 'vitest';
import type { HttpTrigger } from './http-trigger.ts';
import { buildRouter, type RouteMatch } from './router.ts';
import { CHAINED_CLIENT_ADDR, pathMatchHeader, spinRequestHeaders } from './spin-headers.ts';

function match(route: string, path: string): RouteMatch {
  const trigger: HttpTrigger = {
    index: 1,
    id: 'dummy-http-trigger',
    route: { kind: 'pattern', pattern: route },
    handler: { kind: 'component', componentId: 'dummy' },
  };
  const result = buildRouter([trigger]).router.route(path);
  if (result.kind !== 'matched') throw new Error(`${route} does not match ${path}`);
  return result.match;
}

describe('spinRequestHeaders', () => {
  it('computes the reference example', () => {
    const headers = spinRequestHeaders({
      match: match('/users/:userid/cart/...', '/users/1/cart/items/3/edit'),
      fullUrl: 'https://example.com:8080/users/1/cart/items/3/edit?theme=pink',
      clientAddr: '127.0.0.1:52000',
    });
    expect(headers).toEqual([
      ['spin-path-info', '/items/3/edit'],
      ['spin-full-url', 'https://example.com:8080/users/1/cart/items/3/edit?theme=pink'],
      ['spin-matched-route', '/users/:userid/cart/...'],
      ['spin-base-path', '/'],
      ['spin-raw-component-route', '/users/:userid/cart/...'],
      ['spin-component-route', '/users/:userid/cart'],
      ['spin-client-addr', '127.0.0.1:52000'],
      ['spin-path-match-userid', '1'],
    ]);
  });

  it('matches Spin’s own header test', () => {
    const headers = new Map(
      spinRequestHeaders({
        match: match('/foo/...', '/foo/bar'),
        fullUrl: 'https://fermyon.dev/foo/bar?key1=value1&key2=value2',
        clientAddr: '127.0.0.1:8777',
      }),
    );
    expect(Object.fromEntries(headers)).toEqual({
      'spin-full-url': 'https://fermyon.dev/foo/bar?key1=value1&key2=value2',
      'spin-path-info': '/bar',
      'spin-matched-route': '/foo/...',
      'spin-base-path': '/',
      'spin-raw-component-route': '/foo/...',
      'spin-component-route': '/foo',
      'spin-client-addr': '127.0.0.1:8777',
    });
  });

  it('keeps the mount in spin-full-url while the route works on the app’s own path', () => {
    const headers = new Map(
      spinRequestHeaders({
        match: match('/api/...', '/api/items'),
        fullUrl: 'https://site.example/apps/shop/api/items?page=2#top',
        clientAddr: '127.0.0.1:0',
      }),
    );
    expect(headers.get('spin-full-url')).toBe('https://site.example/apps/shop/api/items?page=2');
    expect(headers.get('spin-path-info')).toBe('/items');
    expect(headers.get('spin-base-path')).toBe('/');
  });

  it.each([
    // route, path, matched-route, raw, component-route, path-info
    ['/', '/', '', '/', '/', ''],
    ['/...', '/a/b/', '/...', '/...', '', '/a/b/'],
    ['/cart', '/cart/', '/cart', '/cart', '/cart', ''],
    ['cart/', '/cart', '/cart', 'cart/', 'cart/', ''],
    ['/static/*', '/static/app.js', '/static/*', '/static/*', '/static/*', '/app.js'],
  ])('route %j, path %j', (route, path, matchedRoute, raw, componentRoute, pathInfo) => {
    const headers = new Map(
      spinRequestHeaders({
        match: match(route, path),
        fullUrl: `http://localhost:3000${path}`,
        clientAddr: '127.0.0.1:1',
      }),
    );
    expect(headers.get('spin-matched-route')).toBe(matchedRoute);
    expect(headers.get('spin-raw-component-route')).toBe(raw);
    expect(headers.get('spin-component-route')).toBe(componentRoute);
    expect(headers.get('spin-path-info')).toBe(pathInfo);
  });

  it('adds one spin-path-match header per capture, the last value winning for a repeated name', () => {
    const headers = spinRequestHeaders({
      match: match('/:user_id/:USER_ID/:x', '/a/b/c'),
      fullUrl: 'http://h/a/b/c',
      clientAddr: '1.2.3.4:5',
    });
    expect(headers.filter(([name]) => name.startsWith('spin-path-match-'))).toEqual([
      ['spin-path-match-user-id', 'b'],
      ['spin-path-match-x', 'c'],
    ]);
  });

  it('describes a service-chaining request as Spin does', () => {
    const { router } = buildRouter([
      {
        index: 1,
        id: 't',
        route: { kind: 'private' },
        handler: { kind: 'component', componentId: 'backend' },
      },
    ]);
    const chained = router.routeToComponent('backend', '/items/3');
    if (chained === undefined) throw new Error('no match');
    expect(
      spinRequestHeaders({
        match: chained,
        fullUrl: 'http://backend.spin.internal/items/3',
        clientAddr: CHAINED_CLIENT_ADDR,
      }),
    ).toEqual([
      ['spin-path-info', '/items/3'],
      ['spin-full-url', 'http://backend.spin.internal/items/3'],
      ['spin-matched-route', '/...'],
      ['spin-base-path', '/'],
      ['spin-raw-component-route', '/...'],
      ['spin-component-route', ''],
      ['spin-client-addr', '0.0.0.0:0'],
    ]);
  });
});

describe('pathMatchHeader', () => {
  it.each([
    ['userid', 'spin-path-match-userid'],
    ['user_id', 'spin-path-match-user-id'],
    ['userId', 'spin-path-match-userid'],
    ['a_b_c', 'spin-path-match-a-b-c'],
  ])('%j → %j', (name, header) => {
    expect(pathMatchHeader(name)).toBe(header);
  });
});
