/**
 * A multi-component Spin app behaves as under `spin up`: routing precedence, spin-* headers,
 * private and static routes, reserved paths, variables, files. Every component is the `probe`
 * fixture, told apart by its environment (components/fixtures/probe/routes.spin.toml). (Deploys
 * the host refuses or warns about, and apps kept across a reload of the site's page:
 * e2e/tests/spin-parity.spec.ts.)
 */
import { expect, test, type AppFetchOptions, type SwerveApp } from '@swerve/playwright';

interface Probe {
  method: string;
  pathWithQuery: string;
  headers: Record<string, string>;
  body: string;
  env: Record<string, string>;
  probes: Record<string, { ok?: unknown; err?: { tag?: string; val?: string } }>;
}

async function probe(app: SwerveApp, path: string, options?: AppFetchOptions) {
  const response = await app.fetch(path, options);
  expect(response.status(), `${path} answered ${response.status()}: ${await response.text()}`).toBe(200);
  return (await response.json()) as Probe;
}

test.use({ spinApp: '../components/fixtures/probe/routes.spin.toml', variables: { api_token: 's3cret' } });

test('routes exact, wildcard and :param routes to the right component, most specific first', async ({
  app,
}) => {
  const cases: [path: string, component: string][] = [
    ['/exact', 'exact'],
    ['/exact/', 'exact'],
    ['/wild', 'wild'],
    ['/wild/a/b', 'wild'],
    ['/wild/deeper', 'deeper'],
    ['/wild/deeper/x', 'deeper'],
    ['/users/42/cart', 'param'],
    ['/dup', 'wild'],
  ];
  for (const [path, expected] of cases) {
    expect((await probe(app, path)).env['COMPONENT'], path).toBe(expected);
  }
});

test('the component sees its path at its own origin and every spin-* header Spin sets', async ({ app }) => {
  const seen = await probe(app, '/users/1/cart/items/3/edit?theme=pink');
  expect(seen.pathWithQuery).toBe('/users/1/cart/items/3/edit?theme=pink');
  expect(seen.headers).toMatchObject({
    'spin-full-url': `${app.origin}/users/1/cart/items/3/edit?theme=pink`,
    'spin-path-info': '/items/3/edit',
    'spin-matched-route': '/users/:user_id/cart/...',
    'spin-raw-component-route': '/users/:user_id/cart/...',
    'spin-component-route': '/users/:user_id/cart',
    'spin-base-path': '/',
    'spin-client-addr': '127.0.0.1:0',
    'spin-path-match-user-id': '1',
  });
  // A WASI 0.2 guest is not shown `host`, as under Spin (wasmtime strips it); spin-full-url has it.
  expect(seen.headers['host']).toBeUndefined();
});

test('spin-path-info keeps trailing slashes as Spin does', async ({ app }) => {
  const pathInfo = async (path: string) => (await probe(app, path)).headers['spin-path-info'];
  expect(await pathInfo('/wild')).toBe('');
  expect(await pathInfo('/wild/')).toBe('/');
  expect(await pathInfo('/wild/hello')).toBe('/hello');
  expect(await pathInfo('/wild/hello/')).toBe('/hello/');
  expect(await pathInfo('/exact')).toBe('');
});

test('unmatched and private paths get a 404 with an empty body; static responses and reserved paths answer', async ({
  app,
}) => {
  const answer = async (path: string) => {
    const response = await app.fetch(path);
    return { status: response.status(), body: await response.text(), headers: response.headers() };
  };
  for (const path of ['/nowhere', '/exact/more', '/private']) {
    expect(await answer(path), path).toMatchObject({ status: 404, body: '' });
  }
  const teapot = await answer('/teapot');
  expect(teapot).toMatchObject({ status: 418, body: 'short and stout' });
  expect(teapot.headers['x-static']).toBe('yes');
  expect(await answer('/.well-known/spin/health')).toMatchObject({ status: 200, body: 'OK' });
  const info = await app.fetch('/.well-known/spin/info');
  expect(await info.json()).toEqual({ name: 'routes', version: '1.2.3' });
  expect((await app.fetch('/.well-known/spin/other')).status()).toBe(404);
});

test('variables come from defaults and deploy-time values, through templates', async ({ app }) => {
  const message = await probe(app, '/users/1/cart?var=message');
  expect(message.probes['var']).toEqual({ ok: 'hello, world!' });
  expect((await probe(app, '/users/1/cart?var=token')).probes['var']).toEqual({ ok: 's3cret' });
  const undefinedVar = await probe(app, '/users/1/cart?var=nope');
  expect(undefinedVar.probes['var']?.err?.tag).toBe('undefined');
  const invalid = await probe(app, '/users/1/cart?var=Bad-Name');
  expect(invalid.probes['var']?.err?.tag).toBe('invalid-name');
});

test.describe('deployed with SPIN_VARIABLE_WHO', () => {
  test.use({ variables: { api_token: 's3cret', SPIN_VARIABLE_WHO: 'Swerve' } });

  test('a deploy-time value in the environment-variable form overrides the default', async ({ app }) => {
    const overridden = await probe(app, '/users/1/cart?var=message');
    expect(overridden.probes['var']).toEqual({ ok: 'hello, Swerve!' });
  });
});

test("files are mounted at their destination; environment is the manifest's", async ({ app }) => {
  const seen = await probe(app, '/exact?file=/static/hello.txt');
  expect(seen.probes['file']).toEqual({ ok: 'hello from a mounted file\n' });
  expect(seen.env).toEqual({ COMPONENT: 'exact' });
  const missing = await probe(app, '/exact?file=/static/nope.txt');
  expect(missing.probes['file']?.err).toBeDefined();
  // Another component has no files at all.
  expect((await probe(app, '/wild?file=/static/hello.txt')).probes['file']?.err).toBeDefined();
});
