/**
 * Spin 4's interfaces for WASI 0.3 components: `spin:key-value/key-value@3.0.0` and
 * `spin:variables/variables@3.0.0` (every function async, keys as a stream), and outgoing HTTP
 * with `wasi:http/client@0.3.0`. The guest is
 * components/fixtures/http-p3-spin, hand-written WAT that calls them with `[async-lower]` and
 * waits on a waitable set, as a spin-sdk 6 guest does; beside it in the same app runs the
 * WASI 0.2 `probe` (fermyon:spin/key-value@2.0.0), so both host sides are seen over one store.
 */
import type { Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { withHost } from '../fixtures/app-hosts.ts';
import { deployApp, PROBE_FILES, serveTestFiles } from '../fixtures/deploy.ts';
import { freePort, startSwerveUp, stop } from '../fixtures/swerve-up-process.ts';
import { expect, test } from '../fixtures/swerve.ts';

const APP = 'p3spin';
/** A server the component may call (it answers with CORS headers, as a page's callee must). */
const PEER_PORT = 4726;
/** Listens too, but the component may not call it. */
const DENIED_PORT = 4727;
/** Allowed, but nothing listens. */
const CLOSED_PORT = 4728;

const MANIFEST = `spin_manifest_version = 2
[application]
name = "${APP}"
[variables]
greeting = { default = "hello from a spin variable" }
secret = { required = true }
[[trigger.http]]
route = "/probe/..."
component = "probe"
[[trigger.http]]
route = "/..."
component = "api"
[component.api]
source = "api.wasm"
key_value_stores = ["default"]
allowed_outbound_hosts = ["http://self", "http://127.0.0.1:${PEER_PORT}", "http://127.0.0.1:${CLOSED_PORT}"]
[component.api.variables]
greeting = "{{ greeting }}"
token = "{{ secret }}"
[component.probe]
source = "probe.wasm"
key_value_stores = ["default"]
`;

interface Answer {
  status: number;
  body: string;
}

/** Sends GET `paths` to the app one after the other, from inside the page. */
function getInTurn(page: Page, paths: string[]): Promise<Answer[]> {
  return withHost(
    page,
    APP,
    async (host, paths) => {
      const answers = [];
      for (const path of paths) {
        const response = await host.fetch(path);
        answers.push({ status: response.status, body: await response.text() });
      }
      return answers;
    },
    paths,
  );
}

async function get(page: Page, path: string): Promise<Answer> {
  return (await getInTurn(page, [path]))[0]!;
}

/** What the WASI 0.2 probe found for `query` (its `probes` JSON). */
async function probe(page: Page, query: string): Promise<Record<string, unknown>> {
  const answer = await get(page, `/probe/?${query}`);
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.body) as { probes: Record<string, unknown> }).probes;
}

test.describe("Spin's key-value and variables for a WASI 0.3 component", () => {
  test.beforeEach(async ({ hostPage }) => {
    await serveTestFiles(hostPage);
    const outcome = await deployApp(hostPage, {
      manifest: MANIFEST,
      files: {
        'api.wasm': { built: 'fixtures/http-p3-spin/dist/http-p3-spin.wasm' },
        ...PROBE_FILES,
      },
      // As `swerve up --variable secret=...` gives them.
      variables: { secret: 's3cr3t' },
      // A store the app defines but the component does not list.
      keyValueStores: ['cache'],
    });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  });

  test('a counter it keeps counts on across requests and across instances (130 requests: a fresh instance after 128)', async ({
    hostPage,
  }) => {
    const answers = await getInTurn(
      hostPage,
      Array.from({ length: 130 }, () => '/kv/incr'),
    );
    expect(answers).toEqual(Array.from({ length: 130 }, (_, i) => ({ status: 200, body: String(i + 1) })));
    // The same store the playground's key-value view reads, and a WASI 0.2 component's.
    expect(await withHost(hostPage, APP, (host, app) => host.kv(app).getText('counter'), APP)).toBe('130');
    expect(await probe(hostPage, 'kv-label=default&kv-get=counter')).toMatchObject({
      kv: { ok: { value: '130' } },
    });
  });

  test('it sees what a WASI 0.2 component and a page wrote; exists and delete work on the same store', async ({
    hostPage,
  }) => {
    expect(await get(hostPage, '/kv/exists')).toEqual({ status: 200, body: 'false' });
    await probe(hostPage, 'kv-label=default&kv-set=counter&value=41');
    expect(await get(hostPage, '/kv/exists')).toEqual({ status: 200, body: 'true' });
    expect(await get(hostPage, '/kv/incr')).toEqual({ status: 200, body: '42' });
    await withHost(hostPage, APP, (host, app) => host.kv(app).set('counter', '99'), APP);
    expect(await get(hostPage, '/kv/incr')).toEqual({ status: 200, body: '100' });

    expect(await get(hostPage, '/kv/delete')).toEqual({ status: 200, body: 'deleted' });
    expect(await get(hostPage, '/kv/exists')).toEqual({ status: 200, body: 'false' });
    expect(await withHost(hostPage, APP, (host, app) => host.kv(app).getText('counter'), APP)).toBe(
      undefined,
    );
    // Deleting a missing key is no error, as in Spin.
    expect(await get(hostPage, '/kv/delete')).toEqual({ status: 200, body: 'deleted' });
  });

  test('get-keys streams every key of the store to the guest, however many reads it takes', async ({
    hostPage,
  }) => {
    expect(await get(hostPage, '/kv/keys')).toEqual({ status: 200, body: '' });
    // More keys than the guest reads at once (8), and names with more than ASCII.
    const keys = Array.from({ length: 20 }, (_, i) => `key-${String(i).padStart(2, '0')}`).concat('clé ✓');
    await withHost(
      hostPage,
      APP,
      async (host, keys) => {
        for (const key of keys) await host.kv('p3spin').set(key, 'x');
      },
      keys,
    );
    await get(hostPage, '/kv/incr');
    const listed = await get(hostPage, '/kv/keys');
    expect(listed.status).toBe(200);
    expect(listed.body.split('\n').slice(0, -1).sort()).toEqual([...keys, 'counter'].sort());
  });

  test('a label it does not list is access-denied, as Spin says and as for a WASI 0.2 component', async ({
    hostPage,
  }) => {
    expect(await get(hostPage, '/kv/open?default')).toEqual({ status: 200, body: 'opened default' });
    // "cache" is a store of the app that this component does not list; "nope" is no store at all.
    expect(await get(hostPage, '/kv/open?cache')).toEqual({ status: 500, body: 'error: access-denied' });
    expect(await get(hostPage, '/kv/open?nope')).toEqual({ status: 500, body: 'error: access-denied' });
    expect(await probe(hostPage, 'kv-open=cache')).toEqual({ kvOpen: { err: { tag: 'access-denied' } } });
  });

  test('variables: a default from the manifest and one given at deploy; an unknown or malformed name is the error Spin gives', async ({
    hostPage,
  }) => {
    expect(await get(hostPage, '/var?greeting')).toEqual({
      status: 200,
      body: 'hello from a spin variable',
    });
    expect(await get(hostPage, '/var?token')).toEqual({ status: 200, body: 's3cr3t' });
    expect(await get(hostPage, '/var?missing')).toEqual({
      status: 500,
      body: 'error: undefined: no variable for "api"."missing"',
    });
    const malformed = await get(hostPage, '/var?Not-Valid');
    expect(malformed.status).toBe(500);
    expect(malformed.body).toMatch(/^error: invalid-name: ./);
    // The same texts a WASI 0.2 component gets.
    expect(await probe(hostPage, 'var=missing')).toEqual({
      var: { err: { tag: 'undefined', val: 'no variable for "probe"."missing"' } },
    });
  });

  test('the synchronous variables @2.0.0 and wasi:config, called from a WASI 0.3 task, give the same answers', async ({
    hostPage,
  }) => {
    expect(await get(hostPage, '/var2?greeting')).toEqual({
      status: 200,
      body: 'hello from a spin variable',
    });
    expect(await get(hostPage, '/var2?missing')).toEqual({
      status: 500,
      body: 'error: undefined: no variable for "api"."missing"',
    });
    expect(await get(hostPage, '/config?token')).toEqual({ status: 200, body: 's3cr3t' });
    // wasi:config has no error for a name it does not know: none, as Spin answers.
    expect(await get(hostPage, '/config?missing')).toEqual({ status: 200, body: 'none' });
  });

  test('requests at once on one instance each wait on their own calls and get their own answer', async ({
    hostPage,
  }) => {
    await withHost(hostPage, APP, (host) => host.kv('p3spin').set('counter', '7'), undefined);
    const paths = Array.from(
      { length: 16 },
      (_, i) => ['/var?greeting', '/kv/keys', '/kv/open?cache', '/kv/exists', '/nope'][i % 5]!,
    );
    const answers = await withHost(
      hostPage,
      APP,
      (host, paths) =>
        Promise.all(
          paths.map(async (path) => {
            const response = await host.fetch(path);
            return { status: response.status, body: await response.text() };
          }),
        ),
      paths,
    );
    const expected: Record<string, Answer> = {
      '/var?greeting': { status: 200, body: 'hello from a spin variable' },
      '/kv/keys': { status: 200, body: 'counter\n' },
      '/kv/open?cache': { status: 500, body: 'error: access-denied' },
      '/kv/exists': { status: 200, body: 'true' },
      '/nope': {
        status: 404,
        body:
          'not found: try /kv/incr, /kv/exists, /kv/delete, /kv/keys, /kv/open?<label>, ' +
          '/var?<name>, /send?<path> or /send-to?<host>\n',
      },
    };
    expect(answers).toEqual(paths.map((path) => expected[path]));
  });
});

test.describe('outgoing HTTP from a WASI 0.3 component (wasi:http/client@0.3.0)', () => {
  const servers: Server[] = [];
  const seen: string[] = [];

  test.beforeAll(async () => {
    for (const port of [PEER_PORT, DENIED_PORT]) {
      const server = createServer((request, response) => {
        seen.push(`${port} ${request.method} ${request.url}`);
        response.setHeader('access-control-allow-origin', '*');
        response
          .writeHead(200, { 'content-type': 'text/plain' })
          .end(`peer ${port}: ${request.method} ${request.url}`);
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    }
  });

  test.afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  test.beforeEach(async ({ hostPage }) => {
    await serveTestFiles(hostPage);
    const outcome = await deployApp(hostPage, {
      manifest: MANIFEST,
      files: {
        'api.wasm': { built: 'fixtures/http-p3-spin/dist/http-p3-spin.wasm' },
        ...PROBE_FILES,
      },
      variables: { secret: 's3cr3t' },
    });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    seen.length = 0;
  });

  test('an allowed server is reached, and its status and body reach the guest', async ({ hostPage }) => {
    expect(await get(hostPage, `/send-to?127.0.0.1:${PEER_PORT}`)).toEqual({
      status: 200,
      body: `200 peer ${PEER_PORT}: GET /from-p3`,
    });
    expect(seen).toEqual([`${PEER_PORT} GET /from-p3`]);
    // The request's record lists the call, as for a WASI 0.2 component (protocol/outbound-calls.ts).
    const records = await withHost(hostPage, APP, (host) => host.requests(), undefined);
    expect(records.at(-1)?.outbound).toEqual({
      calls: [
        expect.objectContaining({
          method: 'GET',
          url: `http://127.0.0.1:${PEER_PORT}/from-p3`,
          target: 'network',
          status: 200,
        }),
      ],
      omitted: 0,
    });
  });

  test('a request to the app itself is served in process by the route it names', async ({ hostPage }) => {
    expect(await get(hostPage, '/kv/incr')).toEqual({ status: 200, body: '1' });
    // To the WASI 0.2 component of the app; its answer is longer than one read of the guest (64 bytes).
    const probed = await get(hostPage, '/send?/probe/?kv-label=default&kv-get=counter');
    expect(probed.status).toBe(200);
    expect(probed.body.slice(0, 4)).toBe('200 ');
    expect(JSON.parse(probed.body.slice(4))).toMatchObject({
      pathWithQuery: '/probe/?kv-label=default&kv-get=counter',
      probes: { kv: { ok: { value: '1' } } },
    });
    // (A request to a route of the calling component itself is left out: jco 1.35's glue tracks
    // the current task in one global per component, and a task entering the component while
    // another waits in `send` may fail with "task [n] already suspended"; decision 0018.)
  });

  test('a host not allowed is HTTP-request-denied, and the log says which entry to add, as for WASI 0.2', async ({
    hostPage,
    workerLogs,
  }) => {
    expect(await get(hostPage, `/send-to?127.0.0.1:${DENIED_PORT}`)).toEqual({
      status: 500,
      body: 'error: HTTP-request-denied',
    });
    await expect
      .poll(() =>
        workerLogs.find((line) => line.includes(`non-allowed host 'http://127.0.0.1:${DENIED_PORT}'`)),
      )
      .toContain(
        `${APP}/api #1 A component tried to make a HTTP request to non-allowed host 'http://127.0.0.1:${DENIED_PORT}'. To allow requests, add 'allowed_outbound_hosts = ["http://127.0.0.1:${DENIED_PORT}"]' to the manifest component section.`,
      );
    expect(seen).toEqual([]);
    const records = await withHost(hostPage, APP, (host) => host.requests(), undefined);
    expect(records.at(-1)?.outbound?.calls).toEqual([
      expect.objectContaining({
        denied: true,
        error: expect.stringContaining(`add 'allowed_outbound_hosts = ["http://127.0.0.1:${DENIED_PORT}"]'`),
      }),
    ]);
  });

  test('a server that cannot be reached is an error code for the guest, not a host failure', async ({
    hostPage,
  }) => {
    expect(await get(hostPage, `/send-to?127.0.0.1:${CLOSED_PORT}`)).toEqual({
      status: 500,
      body: 'error: connection-refused',
    });
    // The instance is fine for the next request.
    expect(await get(hostPage, '/var?greeting')).toEqual({ status: 200, body: 'hello from a spin variable' });
  });
});

test('swerve up: a --variable reaches the WASI 0.3 guest, and its key-value counter counts', async ({
  page,
}) => {
  const fixture = resolve(import.meta.dirname, '../../components/fixtures/http-p3-spin');
  const { child, up } = await startSwerveUp([
    fixture,
    '--port',
    String(await freePort()),
    '--variable',
    'greeting=from the command line',
  ]);
  try {
    await page.goto(`${up.url}var?greeting`);
    await expect(page.locator('body')).toHaveText('from the command line', { timeout: 45_000 });
    const counted = await page.evaluate(async () => {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await (await fetch('/kv/incr')).text());
      return answers;
    });
    expect(counted).toEqual(['1', '2', '3']);
    await expect.poll(() => up.output()).toMatch(/^GET \/kv\/incr → 200 \(http-p3-spin\) in \d+\.\d ms$/m);
  } finally {
    await stop(child);
  }
});
