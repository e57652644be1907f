import { describe, expect, it } from 'vitest';
import { SwerveError } from '../errors.ts';
import type { HttpTrigger } from './http-trigger.ts';
import { buildRouter, type RouteResult } from './router.ts';

/** `[[trigger.http]]` tables written compactly: [route, component] (a `!` route is private). */
function triggers(...routes: [route: string, component: string][]): HttpTrigger[] {
  return routes.map(([route, component], i) => ({
    index: i + 1,
    id: `${component}-http-trigger`,
    route: route === '!' ? { kind: 'private' } : { kind: 'pattern', pattern: route },
    handler: { kind: 'component', componentId: component },
  }));
}

/** Who answers: the component id, or a short word for the host's own answers. */
function answer(result: RouteResult): string {
  if (result.kind !== 'matched')
    return result.kind === 'not-found' ? (result.reserved ? '404 reserved' : '404') : result.kind;
  const { target } = result.match;
  return target.kind === 'component' ? target.componentId : `static ${target.triggerId}`;
}

const app = triggers(
  ['/', 'root'],
  ['/cart', 'cart'],
  ['/users/...', 'users'],
  ['/users/:id', 'user'],
  ['/users/:id/cart/...', 'user-cart'],
  ['/users/admin', 'admin'],
  ['/one/...', 'one'],
  ['/one/two/three/...', 'one-two-three'],
  ['/one/two/...', 'one-two'],
  ['/a/:x/c', 'a-x-c'],
  ['/a/b/...', 'a-b'],
  ['/files/:name.json', 'json-file'],
  ['/static/index.html', 'index-html'],
  ['!', 'internal'],
  ['/.well-known/spin/mine', 'shadowed'],
  ['/.well-known/spin', 'not-reserved'],
);
const { router } = buildRouter(app);

describe('Spin routing', () => {
  it.each([
    // Exact routes match with or without a trailing slash, and nothing below them.
    ['/', 'root'],
    ['', 'root'],
    ['/cart', 'cart'],
    ['/cart/', 'cart'],
    ['/cart/checkout', '404'],
    ['/carts', '404'],
    // A trailing wildcard matches its own prefix, with or without slash, and everything below.
    ['/users', 'users'],
    ['/users/', 'users'],
    ['/users/1/edit', 'users'],
    // :param takes exactly one segment and beats the wildcard; a literal beats :param.
    ['/users/1', 'user'],
    ['/users/admin', 'admin'],
    ['/users/1/cart', 'user-cart'],
    ['/users/1/cart/items/3/edit', 'user-cart'],
    // The longest literal prefix wins, whatever the manifest order.
    ['/one', 'one'],
    ['/one/two', 'one-two'],
    ['/one/two/three/four', 'one-two-three'],
    ['/one/twox', 'one'],
    // Segment by segment from the left: /a/b/... beats /a/:x/c for /a/b/c.
    ['/a/b/c', 'a-b'],
    ['/a/z/c', 'a-x-c'],
    // Dots separate segments.
    ['/files/report.json', 'json-file'],
    ['/files/report.xml', '404'],
    ['/static/index.html', 'index-html'],
    // Reserved paths come first; everything else under /.well-known/spin/ is a 404.
    ['/.well-known/spin/health', 'health'],
    ['/.well-known/spin/info', 'info'],
    ['/.well-known/spin/mine', '404 reserved'],
    ['/.well-known/spin/health/', '404 reserved'],
    ['/.well-known/spin/', '404 reserved'],
    ['/.well-known/spin', 'not-reserved'],
    ['/.well-known/spindle', '404'],
  ])('%j → %s', (path, expected) => {
    expect(answer(router.route(path))).toBe(expected);
  });

  it('answers health and info even when a catch-all route exists', () => {
    const { router: catchAll } = buildRouter(triggers(['/...', 'all']));
    expect(answer(catchAll.route('/.well-known/spin/health'))).toBe('health');
    expect(answer(catchAll.route('/.well-known/spin/other'))).toBe('404 reserved');
    expect(answer(catchAll.route('/anything/at/all'))).toBe('all');
  });

  it('never routes to a private trigger from outside', () => {
    const { router: onlyPrivate } = buildRouter(triggers(['!', 'internal']));
    expect(onlyPrivate.routes).toEqual([]);
    for (const path of ['/', '/internal', '/anything/else'])
      expect(answer(onlyPrivate.route(path))).toBe('404');
  });

  it('reaches any HTTP component by id for service chaining, private ones included, as /...', () => {
    expect(router.routeToComponent('internal', '/do/it/')).toEqual({
      target: { kind: 'component', componentId: 'internal' },
      rawRoute: '/...',
      basedRoute: '/...',
      path: '/do/it/',
      params: [],
      pathInfo: '/do/it/',
    });
    expect(router.routeToComponent('cart', '/')?.target).toEqual({ kind: 'component', componentId: 'cart' });
    expect(router.routeToComponent('no-such-component', '/')).toBeUndefined();
  });
});

describe('captures', () => {
  const matched = (routes: [string, string][], path: string) => {
    const result = buildRouter(triggers(...routes)).router.route(path);
    if (result.kind !== 'matched') throw new Error(`no match for ${path}`);
    return result.match;
  };

  it.each([
    ['/test/...', '/test', ''],
    ['/test/...', '/test/', '/'],
    ['/test/...', '/test/hello', '/hello'],
    ['/test/...', '/test/hello/', '/hello/'],
    ['/...', '/1/2/3', '/1/2/3'],
    ['/...', '/', '/'],
    ['/1/...', '/1/2/3', '/2/3'],
    ['/foo/*', '/foo/bar', '/bar'],
    ['/exact', '/exact', ''],
    ['/exact', '/exact/', ''],
  ])('route %j, path %j: path info %j', (route, path, pathInfo) => {
    expect(matched([[route, 'c']], path).pathInfo).toBe(pathInfo);
  });

  it('captures named segments, combined with a trailing wildcard', () => {
    const match = matched([['/1/:two/...', 'c']], '/1/2/3');
    expect(match.params).toEqual([['two', '2']]);
    expect(match.pathInfo).toBe('/3');
  });

  it('keeps the route as written and Spin’s normalised form of it', () => {
    expect(matched([['foo/', 'c']], '/foo')).toMatchObject({ rawRoute: 'foo/', basedRoute: '/foo' });
    expect(matched([['/', 'c']], '/')).toMatchObject({ rawRoute: '/', basedRoute: '' });
    expect(matched([['/...', 'c']], '/x')).toMatchObject({ rawRoute: '/...', basedRoute: '/...' });
  });
});

describe('duplicates and warnings', () => {
  it('lets the last of a duplicated route win, with a warning', () => {
    const { router: r, warnings } = buildRouter(
      triggers(
        ['/', 'comp-root'],
        ['/foo', 'comp-first'],
        ['/foo', 'comp-second'],
        ['/whee/...', 'comp-whee'],
      ),
    );
    // routefinder tries `/` (no segments at all) first; it only ever matches `/` itself.
    expect(r.routes.map((x) => x.rawRoute)).toEqual(['/', '/foo', '/whee/...']);
    expect(answer(r.route('/foo'))).toBe('comp-second');
    expect(warnings).toEqual([
      {
        kind: 'duplicate-route',
        message:
          'The route /foo of component "comp-first" will never be used: component "comp-second" has the same route, and the last one in the manifest wins.',
      },
    ]);
  });

  it('keeps the order Spin keeps: tried by precedence, ties in manifest order', () => {
    const { router: r } = buildRouter(
      triggers(['/', 'comp-root'], ['/foo', 'comp-foo'], ['/bar', 'comp-bar'], ['/whee/...', 'comp-whee']),
    );
    expect(r.routes.map((x) => x.rawRoute)).toEqual(['/', '/foo', '/bar', '/whee/...']);
  });

  it('puts the winner of a duplicate where the route was first written, among ties', () => {
    // `/a/:x` and `/a/:y` tie, so the one inserted first is tried first; the duplicate `/a/:x`
    // keeps its first position (Spin's IndexMap) but answers with the last trigger.
    const { router: r } = buildRouter(triggers(['/a/:x', 'first'], ['/a/:y', 'second'], ['/a/:x', 'third']));
    expect(answer(r.route('/a/1'))).toBe('third');
  });

  it('reports each replaced route, naming / for the root', () => {
    const { warnings } = buildRouter(
      triggers(['/', 'a'], ['/', 'b'], ['/...', 'c'], ['/...', 'd'], ['/...', 'e']),
    );
    expect(warnings.map((w) => w.message)).toEqual([
      'The route / of component "a" will never be used: component "b" has the same route, and the last one in the manifest wins.',
      'The route /... of component "c" will never be used: component "d" has the same route, and the last one in the manifest wins.',
      'The route /... of component "d" will never be used: component "e" has the same route, and the last one in the manifest wins.',
    ]);
  });

  it('treats routes written differently as different, so the first one written wins a tie (as Spin does)', () => {
    const { router: r, warnings } = buildRouter(triggers(['/foo', 'first'], ['/foo/', 'second']));
    expect(warnings).toEqual([]);
    expect(answer(r.route('/foo'))).toBe('first');
  });

  it('warns about routes under /.well-known/spin/', () => {
    const { warnings } = buildRouter(triggers(['/.well-known/spin/...', 'c']));
    expect(warnings).toEqual([
      {
        kind: 'reserved-route',
        message:
          'The route /.well-known/spin/... of component "c" will never be reached: routes under /.well-known/spin/ are handled by the host.',
      },
    ]);
  });

  it('names static responses by trigger id', () => {
    const statics: HttpTrigger[] = [
      {
        index: 1,
        id: 'http-trigger1',
        route: { kind: 'pattern', pattern: '/s' },
        handler: { kind: 'static-response', response: { status: 200, headers: [] } },
      },
      {
        index: 2,
        id: 'api-http-trigger',
        route: { kind: 'pattern', pattern: '/s' },
        handler: { kind: 'component', componentId: 'api' },
      },
    ];
    const { warnings } = buildRouter(statics);
    expect(warnings[0]?.message).toBe(
      'The route /s of the static response of trigger "http-trigger1" will never be used: component "api" has the same route, and the last one in the manifest wins.',
    );
    expect(answer(buildRouter(statics.slice(0, 1)).router.route('/s'))).toBe('static http-trigger1');
  });

  it('refuses a route that is not a pattern', () => {
    expect(() => buildRouter(triggers(['/a/:', 'c']))).toThrow(SwerveError);
    expect(() => buildRouter(triggers(['/a/:', 'c']))).toThrow(
      '[swerve] The route "/a/:" is not valid: params must be named.',
    );
  });
});
