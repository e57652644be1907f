/**
 * A multi-component Spin app deployed from the page: what the host warns about or refuses at
 * deploy, and apps kept across a reload of the site's page. These stay on the site's fixtures,
 * since `@swerve/playwright` fails a test whose app does not deploy and prints its warnings;
 * how the deployed app behaves (routing, spin-* headers, private and static routes, reserved
 * paths, variables, files) is tested with the kit: e2e/app-tests/spin-parity.spec.ts.
 */
import { withHost } from '../fixtures/app-hosts.ts';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, fetchFrom, test } from '../fixtures/swerve.ts';

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
