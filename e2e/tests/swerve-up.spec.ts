/**
 * `swerve up` on an example app folder, as a user runs it: the command is started as a child
 * process, and every test's browser context (and `request`) points at it instead of the site.
 * The first visit to any path installs the host, deploys the app at `/` and shows that path's
 * answer; later visits are answered by the service worker; plain HTTP clients get a 503 saying
 * where the app runs; a broken app folder stops the command at start; components' outbound
 * requests are relayed by the server unless `--no-relay`.
 */
import type { Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test as base } from '../fixtures/swerve.ts';
import { freePort, startSwerveUp, stop, SWERVE, type SwerveUp } from '../fixtures/swerve-up-process.ts';

const REPO = resolve(import.meta.dirname, '../..');
const ECHO_DIR = join(REPO, 'components/examples/echo');
/** Deploying transpiles the 12 MB echo component in the worker: seconds, not milliseconds. */
const DEPLOY_TIMEOUT = 45_000;

/** Runs `swerve up <args>` expecting it to fail at start; returns its exit code and stderr. */
async function failedStart(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [SWERVE, 'up', ...args], { cwd: REPO, stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

/** The echo JSON a page shows. */
async function shownEcho(page: Page) {
  await expect(page.locator('body')).toContainText('"pathWithQuery"', { timeout: DEPLOY_TIMEOUT });
  return JSON.parse(await page.locator('body').innerText()) as {
    pathWithQuery: string;
    headers: Record<string, string>;
  };
}

// One `swerve up` for the file; each test still gets a fresh browser context (no host installed).
const test = base.extend<object, { swerveUp: SwerveUp }>({
  swerveUp: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { child, up } = await startSwerveUp([ECHO_DIR, '--port', String(await freePort())]);
      await use(up);
      await stop(child);
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ swerveUp }, use) => use(swerveUp.url),
});

test('the first visit to any path deploys the app and shows that path; later visits come from the service worker', async ({
  page,
  swerveUp,
}) => {
  const first = await page.goto('/some/path?x=1');
  expect(first?.fromServiceWorker()).toBe(false);
  const echo = await shownEcho(page);
  expect(echo.pathWithQuery).toBe('/some/path?x=1');
  expect(echo.headers['spin-full-url']).toBe(`${swerveUp.url}some/path?x=1`);
  expect(page.url()).toBe(`${swerveUp.url}some/path?x=1`);

  const second = await page.goto('/another/page?y=2');
  expect(second?.fromServiceWorker()).toBe(true);
  expect((await shownEcho(page)).pathWithQuery).toBe('/another/page?y=2');
  // What the guest printed reaches the terminal, as under spin up.
  await expect.poll(() => swerveUp.output()).toContain('[echo] echo: GET /another/page?y=2');
});

test('a client without a service worker gets a short plain-text 503 saying where the app runs', async ({
  request,
  swerveUp,
}) => {
  const response = await request.get('/some/path?x=1');
  expect(response.status()).toBe(503);
  expect(response.headers()['content-type']).toBe('text/plain; charset=utf-8');
  const text = await response.text();
  expect(text).toContain('runs inside your browser');
  expect(text).toContain(`Open ${swerveUp.url}some/path?x=1 in a browser`);
});

test('swerve up transpiles the component in Node, so the browser deploys it by URL and never downloads its .wasm', async ({
  page,
  request,
}) => {
  const listing = await (await request.get('/_swerve/app-files.json')).json();
  // The component's source is left out of the deploy: its transpiled form is served instead.
  expect(listing.files['dist/echo.wasm']).toBeUndefined();
  const { glue, coreModules } = listing.prepared.echo as {
    glue: string;
    coreModules: Record<string, string>;
  };
  expect(glue).toMatch(/^\/_swerve\/components\/up\/[\w-]+\/component\.js$/);
  const core = await request.get(Object.values(coreModules)[0]!);
  expect(core.headers()['content-type']).toBe('application/wasm');
  expect(core.headers()['cache-control']).toContain('immutable');

  const fetched: string[] = [];
  page.context().on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('/first/visit');
  expect((await shownEcho(page)).pathWithQuery).toBe('/first/visit');
  expect(fetched).not.toContain('/_swerve/app/dist/echo.wasm');
  expect(fetched).toContain(Object.values(coreModules)[0]);
});

test('the app folder is exposed read-only, only what the manifest names; the worker may evaluate code', async ({
  request,
}) => {
  const listing = await (await request.get('/_swerve/app-files.json')).json();
  expect(listing).toMatchObject({ name: 'echo', manifest: '/_swerve/app/spin.toml' });
  expect((await request.get('/_swerve/app/spin.toml')).status()).toBe(200);
  expect((await request.get('/_swerve/app/dist/echo.wasm')).status()).toBe(200);
  expect((await request.get('/_swerve/app/src/echo.js')).status()).toBe(404);
  expect((await request.get('/_swerve/app/%2E%2E/hello/spin.toml')).status()).toBe(404);
  expect((await request.post('/_swerve/app/spin.toml')).status()).toBe(405);

  const worker = await request.get('/sw.js');
  expect(worker.headers()['content-security-policy']).toContain("'unsafe-eval'");
  const page = await request.get('/_swerve/up.js');
  expect(page.headers()['content-security-policy']).not.toContain('unsafe-eval');
});

test.describe('a broken app folder stops swerve up at start', () => {
  let dir = '';
  test.beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swerve-up-'));
  });
  test.afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a bad manifest: exit code 1 and the manifest error on stderr', async () => {
    await writeFile(
      join(dir, 'spin.toml'),
      'spin_manifest_version = 2\n[application]\nname = "broken"\n\n[[trigger.http]]\nroute = "/..."\ncomponent = "missing"\n',
    );
    const { code, stderr } = await failedStart([dir, '--port', '0']);
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid Spin manifest');
    expect(stderr).toMatch(
      /spin\.toml:7: \[\[trigger\.http\]\] #1: `component = "missing"` names no component/,
    );
  });

  test('a core module instead of a component: exit code 1, with the same message the browser gives', async () => {
    await copyFile(join(ECHO_DIR, 'spin.toml'), join(dir, 'spin.toml'));
    await mkdir(join(dir, 'dist'));
    // The smallest core module: the magic number and version 1.
    await writeFile(join(dir, 'dist/echo.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const { code, stderr } = await failedStart([dir, '--port', '0']);
    expect(code).toBe(1);
    expect(stderr).toContain('echo/echo');
    expect(stderr).toContain('is a core WebAssembly module with no WIT world embedded');
  });

  test('a WASI 0.3 component only transpiling shows the host cannot run: exit code 1, with the browser’s message', async () => {
    // Its imports pass the check; its glue has a blocking stream.write (docs/decisions/0018-wasi-0-3.md).
    const fixture = join(REPO, 'components/fixtures/http-p3-sync-write');
    await copyFile(join(fixture, 'spin.toml'), join(dir, 'spin.toml'));
    await mkdir(join(dir, 'dist'));
    await copyFile(join(fixture, 'dist/http-p3-sync-write.wasm'), join(dir, 'dist/http-p3-sync-write.wasm'));
    const { code, stderr } = await failedStart([dir, '--port', '0']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'http-p3-sync-write/sync-write writes a stream with a blocking (synchronous) stream.write',
    );
  });

  test("a component whose Wasm file is not built: exit code 1, saying to run the app's build", async () => {
    await copyFile(join(ECHO_DIR, 'spin.toml'), join(dir, 'spin.toml'));
    const { code, stderr } = await failedStart([dir, '--port', '0']);
    expect(code).toBe(1);
    expect(stderr).toContain('Component "echo" has no Wasm file at dist/echo.wasm');
    expect(stderr).toContain('run `spin build`');
  });
});

test('a Spin 1 app (spin_manifest_version = "1") runs, converted as Spin converts it, and the terminal says how to upgrade it', async ({
  page,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'swerve-up-v1-'));
  await mkdir(join(dir, 'dist'));
  await copyFile(join(ECHO_DIR, 'dist/echo.wasm'), join(dir, 'dist/echo.wasm'));
  await writeFile(
    join(dir, 'spin.toml'),
    [
      'spin_manifest_version = "1"',
      'name = "echo-v1"',
      'trigger = { type = "http", base = "/" }',
      '[[component]]',
      'id = "echo_v1"',
      'source = "dist/echo.wasm"',
      'allowed_http_hosts = ["example.com"]',
      '[component.trigger]',
      'route = "/v1/..."',
      '',
    ].join('\n'),
  );
  const { child, up } = await startSwerveUp([dir, '--port', String(await freePort())]);
  try {
    await page.goto(`${up.url}v1/hello?x=1`);
    const echo = await shownEcho(page);
    expect(echo.pathWithQuery).toBe('/v1/hello?x=1');
    expect(echo.headers['spin-component-route']).toBe('/v1');
    expect(up.output()).toContain('spin.toml is a version 1 manifest, which Swerve converted to version 2');
  } finally {
    await stop(child);
    await rm(dir, { recursive: true, force: true });
  }
});

test('after the app changes on disk, the redeploy page deploys the new version', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'swerve-up-'));
  await mkdir(join(dir, 'dist'));
  await copyFile(join(ECHO_DIR, 'dist/echo.wasm'), join(dir, 'dist/echo.wasm'));
  const manifest = await readFile(join(ECHO_DIR, 'spin.toml'), 'utf8');
  await writeFile(join(dir, 'spin.toml'), manifest);
  const { child, up } = await startSwerveUp([dir, '--port', String(await freePort())]);
  try {
    await page.goto(`${up.url}first`);
    expect((await shownEcho(page)).pathWithQuery).toBe('/first');

    const staticRoute = '\n[[trigger.http]]\nroute = "/version"\nstatic_response = { body = "two" }\n';
    await writeFile(join(dir, 'spin.toml'), manifest + staticRoute);
    await page.goto(`${up.url}_swerve/up?to=/version`);
    await expect(page.locator('body')).toHaveText('two', { timeout: DEPLOY_TIMEOUT });
    expect(page.url()).toBe(`${up.url}version`);
    const again = await page.goto(`${up.url}version`);
    expect(again?.fromServiceWorker()).toBe(true);
    await expect
      .poll(() => up.output())
      .toContain('echo changed on disk: a browser is deploying the new version.');

    // A manifest broken while the server runs: the redeploy page shows the manifest's error.
    await writeFile(join(dir, 'spin.toml'), manifest.replace('component = "echo"', 'component = "ehco"'));
    await page.goto(`${up.url}_swerve/up`);
    await expect(page.locator('#status')).toContainText('`component = "ehco"` names no component');
    expect(up.output()).toContain('Invalid Spin manifest');
  } finally {
    await stop(child);
    await rm(dir, { recursive: true, force: true });
  }
});

test('the terminal shows what the browser saw: guest output, one line per request, and a request stopped at --request-timeout', async ({
  page,
}) => {
  const { child, up } = await startSwerveUp([
    join(REPO, 'components/fixtures/loop'),
    '--port',
    String(await freePort()),
    '--request-timeout',
    '1',
  ]);
  try {
    await page.goto(`${up.url}hello`);
    await expect(page.locator('body')).toHaveText('ok', { timeout: DEPLOY_TIMEOUT });
    await expect.poll(() => up.output()).toMatch(/^GET \/hello → 200 \(loop\) in \d+\.\d ms$/m);

    // A looping component is stopped at the deadline; the app's other component answers after it.
    const [looping, other] = await Promise.all([
      page.evaluate(() => fetch('/spin').then((response) => response.status)),
      page.evaluate(() => fetch('/js/hello').then((response) => response.text())),
    ]);
    expect(looping).toBe(504);
    expect(other).toBe('js ok\n');
    await expect.poll(() => up.output()).toMatch(/^GET \/spin → 504 \(loop\) in \d+\.\d ms$/m);
    await expect
      .poll(() => up.output())
      .toContain('Error: GET /spin answered 504: loop/loop was stopped while handling GET /spin');
    expect(await page.evaluate(() => fetch('/after').then((response) => response.text()))).toBe('ok\n');
  } finally {
    await stop(child);
  }
});

test('--build builds the app first; --key-value, --env and --runtime-config-file reach the guest', async ({
  page,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'swerve-up-'));
  const built = join(REPO, 'components/fixtures/probe/dist/probe.wasm');
  // A build command as spin build would run it: here it only puts the already built probe in place.
  const build = `node -e "require('fs').mkdirSync('dist',{recursive:true});require('fs').copyFileSync(process.argv[1],'dist/probe.wasm')" ${JSON.stringify(built)}`;
  await writeFile(
    join(dir, 'spin.toml'),
    `spin_manifest_version = 2
[application]
name = "flags"
[[trigger.http]]
route = "/..."
component = "probe"
[component.probe]
source = "dist/probe.wasm"
key_value_stores = ["default", "cache"]
[component.probe.build]
command = ${JSON.stringify(build)}
`,
  );
  await writeFile(join(dir, 'runtime-config.toml'), '[key_value_store.cache]\ntype = "spin"\n');
  const { child, up } = await startSwerveUp([
    dir,
    '--port',
    String(await freePort()),
    '--build',
    '--key-value',
    'greeting=hello from the flag',
    '-e',
    'MODE=flagged',
    '--runtime-config-file',
    join(dir, 'runtime-config.toml'),
  ]);
  try {
    expect(up.output()).toContain('Building component probe with');
    await page.goto(`${up.url}?kv-label=default&kv-get=greeting`);
    await expect(page.locator('body')).toContainText('"pathWithQuery"', { timeout: DEPLOY_TIMEOUT });
    const probe = JSON.parse(await page.locator('body').innerText());
    expect(probe.probes.kv.ok.value).toBe('hello from the flag');
    expect(probe.env.MODE).toBe('flagged');
    const cache = await page.evaluate(() => fetch('/?kv-open=cache').then((response) => response.json()));
    expect(cache.probes.kvOpen).toEqual({ ok: true });
  } finally {
    await stop(child);
    await rm(dir, { recursive: true, force: true });
  }
});

test.describe("a component's outbound requests under swerve up", () => {
  let dir = '';
  let upstream: HttpServer;
  let upstreamPort = 0;

  test.beforeAll(async () => {
    // A server that sends no CORS headers: a page's own fetch could not read its answers.
    upstream = createHttpServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`no-cors server: ${request.method} ${request.url}`);
    });
    upstreamPort = await freePort();
    await new Promise<void>((resolve) => upstream.listen(upstreamPort, '127.0.0.1', resolve));
    dir = await mkdtemp(join(tmpdir(), 'swerve-up-relay-'));
    await mkdir(join(dir, 'dist'));
    await copyFile(join(REPO, 'components/fixtures/outbound/dist/raw.wasm'), join(dir, 'dist/raw.wasm'));
    await writeFile(
      join(dir, 'spin.toml'),
      `spin_manifest_version = 2
[application]
name = "relayed"
[[trigger.http]]
route = "/..."
component = "raw"
[component.raw]
source = "dist/raw.wasm"
allowed_outbound_hosts = ["http://127.0.0.1:${upstreamPort}"]
`,
    );
  });
  test.afterAll(async () => {
    await new Promise((resolve) => upstream.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  async function outcome(page: Page, args: string[]): Promise<unknown> {
    const { child, up } = await startSwerveUp([dir, '--port', String(await freePort()), ...args]);
    try {
      await page.goto(`${up.url}call?url=${encodeURIComponent(`http://127.0.0.1:${upstreamPort}/data`)}`);
      await expect(page.locator('body')).toContainText('{', { timeout: DEPLOY_TIMEOUT });
      return JSON.parse(await page.locator('body').innerText());
    } finally {
      await stop(child);
    }
  }

  test('are relayed by its server, so a host without CORS answers as under spin up', async ({ page }) => {
    expect(await outcome(page, [])).toEqual({ status: 200, body: 'no-cors server: GET /data' });
  });

  test('with --no-relay they go out from the browser, and CORS applies', async ({ page }) => {
    expect(await outcome(page, ['--no-relay'])).toEqual({
      errorCode: 'internal-error',
      detail: `CORS: http://127.0.0.1:${upstreamPort} does not allow this origin`,
    });
  });
});
