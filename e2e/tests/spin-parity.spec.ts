/**
 * A multi-component Spin app deployed from the page behaves as under `spin up`: routing
 * precedence, spin-* headers, private and static routes, reserved paths, variables, files.
 * Every component is the `probe` fixture, told apart by its environment.
 */
import { appOrigin, withHost } from '../fixtures/app-hosts.ts';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, fetchFrom, test, type HostFetch } from '../fixtures/swerve.ts';

const PROBE = { built: 'fixtures/probe/dist/probe.wasm' };

const component = (id: string, extra = '') => `
[component.${id}]
source = "probe.wasm"
environment = { COMPONENT = "${id}" }
${extra}`;

const MANIFEST = `
spin_manifest_version = 2

[application]
name = "routes"
version = "1.2.3"

[variables]
greeting = { default = "hello" }
who = { default = "world" }
api_token = { required = true, secret = true }

[[trigger.http]]
route = "/exact"
component = "exact"

[[trigger.http]]
route = "/wild/..."
component = "wild"

[[trigger.http]]
route = "/wild/deeper/..."
component = "deeper"

[[trigger.http]]
route = "/users/:user_id/cart/..."
component = "param"

[[trigger.http]]
route = "/dup"
component = "exact"

[[trigger.http]]
route = "/dup"
component = "wild"

[[trigger.http]]
route = { private = true }
component = "private"

[[trigger.http]]
route = "/teapot"
static_response = { status_code = 418, headers = { x-static = "yes" }, body = "short and stout" }

${component('exact', `files = [{ source = "assets", destination = "/static" }]`)}
${component('wild')}
${component('deeper')}
${component('param', `[component.param.variables]\nmessage = "{{ greeting }}, {{ who }}!"\ntoken = "{{ api_token }}"`)}
${component('private')}
`;

interface Probe {
  method: string;
  pathWithQuery: string;
  headers: Record<string, string>;
  body: string;
  env: Record<string, string>;
  probes: Record<string, { ok?: unknown; err?: { tag?: string; val?: string } }>;
}

async function probe(hostFetch: HostFetch, path: string, init?: Parameters<HostFetch>[1]) {
  const response = await hostFetch(path, init);
  expect(response.status, `${path} answered ${response.status}: ${response.body}`).toBe(200);
  return JSON.parse(response.body) as Probe;
}

test.describe('a Spin app deployed from the page', () => {
  test.beforeEach(async ({ hostPage }) => {
    await serveTestFiles(hostPage);
    const outcome = await deployApp(hostPage, {
      manifest: MANIFEST,
      files: { 'probe.wasm': PROBE, 'assets/hello.txt': { text: 'hello from a mounted file\n' } },
      variables: { api_token: 's3cret' },
    });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  });

  test('routes exact, wildcard and :param routes to the right component, most specific first', async ({
    hostFetch,
  }) => {
    const cases: [path: string, component: string][] = [
      ['/apps/routes/exact', 'exact'],
      ['/apps/routes/exact/', 'exact'],
      ['/apps/routes/wild', 'wild'],
      ['/apps/routes/wild/a/b', 'wild'],
      ['/apps/routes/wild/deeper', 'deeper'],
      ['/apps/routes/wild/deeper/x', 'deeper'],
      ['/apps/routes/users/42/cart', 'param'],
      ['/apps/routes/dup', 'wild'],
    ];
    for (const [path, expected] of cases) {
      expect((await probe(hostFetch, path)).env['COMPONENT'], path).toBe(expected);
    }
  });

  test('the component sees its path at its own origin and every spin-* header Spin sets', async ({
    hostFetch,
  }) => {
    const seen = await probe(hostFetch, '/apps/routes/users/1/cart/items/3/edit?theme=pink');
    expect(seen.pathWithQuery).toBe('/users/1/cart/items/3/edit?theme=pink');
    expect(seen.headers).toMatchObject({
      'spin-full-url': `${appOrigin('routes')}/users/1/cart/items/3/edit?theme=pink`,
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

  test('spin-path-info keeps trailing slashes as Spin does', async ({ hostFetch }) => {
    const pathInfo = async (path: string) => (await probe(hostFetch, path)).headers['spin-path-info'];
    expect(await pathInfo('/apps/routes/wild')).toBe('');
    expect(await pathInfo('/apps/routes/wild/')).toBe('/');
    expect(await pathInfo('/apps/routes/wild/hello')).toBe('/hello');
    expect(await pathInfo('/apps/routes/wild/hello/')).toBe('/hello/');
    expect(await pathInfo('/apps/routes/exact')).toBe('');
  });

  test('unmatched and private paths get a 404 with an empty body; static responses and reserved paths answer', async ({
    hostFetch,
  }) => {
    for (const path of ['/apps/routes/nowhere', '/apps/routes/exact/more', '/apps/routes/private']) {
      expect(await hostFetch(path), path).toMatchObject({ status: 404, body: '' });
    }
    const teapot = await hostFetch('/apps/routes/teapot');
    expect(teapot).toMatchObject({ status: 418, body: 'short and stout' });
    expect(teapot.headers['x-static']).toBe('yes');
    expect(await hostFetch('/apps/routes/.well-known/spin/health')).toMatchObject({
      status: 200,
      body: 'OK',
    });
    const info = await hostFetch('/apps/routes/.well-known/spin/info');
    expect(JSON.parse(info.body)).toEqual({ name: 'routes', version: '1.2.3' });
    expect((await hostFetch('/apps/routes/.well-known/spin/other')).status).toBe(404);
  });

  test('a duplicate route is reported when the app is deployed, and the last one wins', async ({
    hostPage,
  }) => {
    const outcome = await deployApp(hostPage, {
      manifest: MANIFEST,
      files: { 'probe.wasm': PROBE, 'assets/hello.txt': { text: 'x' } },
      variables: { api_token: 't' },
    });
    expect(outcome.ok && outcome.result.warnings.join('\n')).toMatch(/\/dup/);
  });

  test('variables come from defaults and deploy-time values, through templates', async ({
    hostFetch,
    hostPage,
  }) => {
    const message = await probe(hostFetch, '/apps/routes/users/1/cart?var=message');
    expect(message.probes['var']).toEqual({ ok: 'hello, world!' });
    expect((await probe(hostFetch, '/apps/routes/users/1/cart?var=token')).probes['var']).toEqual({
      ok: 's3cret',
    });
    const undefinedVar = await probe(hostFetch, '/apps/routes/users/1/cart?var=nope');
    expect(undefinedVar.probes['var']?.err?.tag).toBe('undefined');
    const invalid = await probe(hostFetch, '/apps/routes/users/1/cart?var=Bad-Name');
    expect(invalid.probes['var']?.err?.tag).toBe('invalid-name');

    const redeployed = await deployApp(hostPage, {
      manifest: MANIFEST,
      files: { 'probe.wasm': PROBE, 'assets/hello.txt': { text: 'x' } },
      variables: { api_token: 's3cret', SPIN_VARIABLE_WHO: 'Swerve' },
    });
    expect(redeployed.ok).toBe(true);
    const overridden = await probe(hostFetch, '/apps/routes/users/1/cart?var=message');
    expect(overridden.probes['var']).toEqual({ ok: 'hello, Swerve!' });
  });

  test('a required variable without a value fails the deploy, saying how to give it one', async ({
    hostPage,
  }) => {
    const outcome = await deployApp(hostPage, {
      manifest: MANIFEST,
      name: 'routes-missing',
      files: { 'probe.wasm': PROBE, 'assets/hello.txt': { text: 'x' } },
    });
    expect(outcome).toMatchObject({ ok: false, code: 'manifest-invalid' });
    expect(!outcome.ok && outcome.error).toContain('"api_token" is required and has no value');
  });

  test("files are mounted at their destination; environment is the manifest's", async ({ hostFetch }) => {
    const seen = await probe(hostFetch, '/apps/routes/exact?file=/static/hello.txt');
    expect(seen.probes['file']).toEqual({ ok: 'hello from a mounted file\n' });
    expect(seen.env).toEqual({ COMPONENT: 'exact' });
    const missing = await probe(hostFetch, '/apps/routes/exact?file=/static/nope.txt');
    expect(missing.probes['file']?.err).toBeDefined();
    // Another component has no files at all.
    expect(
      (await probe(hostFetch, '/apps/routes/wild?file=/static/hello.txt')).probes['file']?.err,
    ).toBeDefined();
  });

  test('deployed apps survive a reload (they are kept in IndexedDB at their origin)', async ({
    hostPage,
  }) => {
    await hostPage.reload();
    await expect(hostPage.locator('body[data-host="ready"]')).toBeAttached();
    const apps = await withHost(
      hostPage,
      'routes',
      async (host) => (await host.apps()).map((app) => app.name),
      undefined,
    );
    expect(apps).toEqual(['routes']);
    expect((await fetchFrom(hostPage)('/apps/routes/exact')).status).toBe(200);
  });
});

test.describe('deploy errors', () => {
  test.beforeEach(async ({ hostPage }) => serveTestFiles(hostPage));

  const app = (source: string) =>
    `spin_manifest_version = 2\n[application]\nname = "bad"\n[[trigger.http]]\nroute = "/..."\ncomponent = "api"\n[component.api]\nsource = "${source}"\n`;

  test('a core module without a WIT world is rejected with an error that says what it is and how to make a component', async ({
    hostPage,
  }) => {
    const outcome = await deployApp(hostPage, {
      manifest: app('api.wasm'),
      files: { 'api.wasm': { built: 'examples/hello/dist/hello.transpiled/component.core2.wasm' } },
    });
    expect(outcome).toMatchObject({ ok: false, code: 'component-invalid' });
    expect(!outcome.ok && outcome.error).toMatch(
      /bad\/api is a core WebAssembly module with no WIT world embedded \(it exports .*\), so nothing says what its exports mean\. Build it with wit-bindgen/,
    );
  });

  test('a component importing an interface the host lacks is rejected, naming it', async ({ hostPage }) => {
    const outcome = await deployApp(hostPage, {
      manifest: app('api.wasm'),
      files: { 'api.wasm': { built: 'fixtures/unknown-import/dist/unknown-import.wasm' } },
    });
    expect(outcome).toMatchObject({ ok: false, code: 'component-invalid' });
    expect(!outcome.ok && outcome.error).toContain(
      'imports interfaces the host does not provide: "swerve:test-fixtures/not-provided"',
    );
  });

  test('a broken manifest is rejected with the line and what to write', async ({ hostPage }) => {
    const outcome = await deployApp(hostPage, {
      manifest: app('api.wasm').replace(
        'component = "api"',
        'component = "api"\nstatic_response = { body = "x" }',
      ),
    });
    expect(outcome).toMatchObject({ ok: false, code: 'manifest-invalid' });
    expect(!outcome.ok && outcome.error).toMatch(/spin\.toml:\d+/);
  });
});
