/**
 * Spin's published conformance suite (fermyon/conformance-tests), the parts a browser host can
 * run beside `request-shape` (http-conformance.spec.ts): each test below names the suite's test
 * it mirrors and checks what that test's component checks, through the project's own fixtures
 * (`probe` for key-value and variables, `sqlite`, and `outbound`'s two components for outgoing
 * HTTP against a server the spec starts), each as a second manifest beside its fixture. The suite's Redis, MQTT, Postgres and TCP socket tests
 * have no browser counterpart: Swerve refuses those interfaces at deploy.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type SwerveApp } from '@swerve/playwright';

/** Echoes a POST body back, as the suite's `http-echo` service does; it also records what came. */
let echo: Server;
let echoPort = 0;
const echoed: { method: string; contentLength: string | undefined; body: string }[] = [];

test.beforeAll(async () => {
  echo = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      // A page's fetch is CORS-checked: the browser asks first, and reads only what is allowed.
      response.setHeader('access-control-allow-origin', '*');
      response.setHeader('access-control-allow-methods', '*');
      response.setHeader('access-control-allow-headers', '*');
      if (request.method === 'OPTIONS') return response.writeHead(204).end();
      echoed.push({ method: request.method ?? '', contentLength: request.headers['content-length'], body });
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(body);
    });
  });
  // Any free port: other specs and other runs on this machine use fixed ones.
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise((resolve) => echo.close(resolve));
});

interface ProbeAnswer {
  probes: Record<string, { ok?: unknown; err?: { tag: string; val?: unknown } }>;
}

/** The probes' outcomes for one request to the `probe` component at `path`. */
async function probe(app: SwerveApp, path: string, query: Record<string, string>) {
  const answer = await app.fetch(`${path}?${new URLSearchParams(query)}`);
  expect(answer.status(), await answer.text()).toBe(200);
  return ((await answer.json()) as ProbeAnswer).probes;
}

test.describe('the probe', () => {
  test.use({ spinApp: '../components/fixtures/probe/conformance.spin.toml' });

  test('key-value and key-value-no-permission: a granted store sets, overwrites, lists and deletes; others are access-denied', async ({
    app,
  }) => {
    const kv = (query: Record<string, string>) => probe(app, '/kv/', { 'kv-label': 'default', ...query });
    expect((await kv({ 'kv-get': 'bar' })).kv).toEqual({ ok: { value: null, keys: [] } });
    expect((await kv({ 'kv-set': 'bar', value: 'baz' })).kv).toEqual({ ok: { value: 'baz', keys: ['bar'] } });
    expect((await kv({ 'kv-set': 'bar', value: 'wow' })).kv).toEqual({ ok: { value: 'wow', keys: ['bar'] } });
    const both = (await kv({ 'kv-set': 'qux', value: 'yay' })).kv as { ok: { keys: string[] } };
    expect(both.ok.keys.sort()).toEqual(['bar', 'qux']);
    expect((await kv({ 'kv-delete': 'bar' })).kv).toEqual({
      ok: { deleted: 'bar', exists: false, keys: ['qux'] },
    });
    expect((await kv({ 'kv-delete': 'qux' })).kv).toEqual({
      ok: { deleted: 'qux', exists: false, keys: [] },
    });
    expect((await kv({ 'kv-get': 'qux' })).kv).toEqual({ ok: { value: null, keys: [] } });
    // A label the manifest does not grant, and a component granted none.
    expect((await probe(app, '/kv/', { 'kv-open': 'forbidden' })).kvOpen).toEqual({
      err: { tag: 'access-denied' },
    });
    expect((await probe(app, '/no-perms/', { 'kv-open': 'default' })).kvOpen).toEqual({
      err: { tag: 'access-denied' },
    });
  });

  test('variables: a component variable resolves; an unknown one is undefined, a malformed name invalid-name', async ({
    app,
  }) => {
    const variable = async (name: string) => (await probe(app, '/kv/', { var: name })).var;
    expect(await variable('variable')).toEqual({ ok: 'value' });
    expect((await variable('non_existent'))?.err?.tag).toBe('undefined');
    for (const name of ['invalid-name', 'invalid!name', '4invalidname']) {
      expect((await variable(name))?.err?.tag, name).toBe('invalid-name');
    }
  });
});

test.describe('the sqlite fixture', () => {
  test.use({ spinApp: '../components/fixtures/sqlite/conformance.spin.toml' });

  test('sqlite and sqlite-no-permission: the default database creates, inserts and selects with a parameter; others are access-denied', async ({
    app,
  }) => {
    const run = async (path: string, query: [string, string][]) => {
      const answer = await app.fetch(`${path}?${new URLSearchParams([['v', '2'], ...query])}`);
      expect(answer.status(), await answer.text()).toBe(200);
      return (await answer.json()) as {
        open: { ok?: true; err?: { tag: string } };
        results?: { ok?: { columns: string[]; rows: unknown[][] }; err?: unknown }[];
      };
    };
    expect((await run('/sqlite/', [['db', 'forbidden']])).open).toEqual({ err: { tag: 'access-denied' } });
    expect((await run('/sqlite-no-perms/', [])).open).toEqual({ err: { tag: 'access-denied' } });

    const report = await run('/sqlite/', [
      ['sql', 'CREATE TABLE IF NOT EXISTS test_data(key TEXT NOT NULL, value TEXT NOT NULL);'],
      ['sql', "INSERT INTO test_data(key, value) VALUES('my_key', 'my_value');"],
      ['sql', 'SELECT * FROM test_data WHERE key = ?'],
      ['params', JSON.stringify([{ text: 'my_key' }])],
    ]);
    expect(report.open).toEqual({ ok: true });
    const select = report.results?.[2]?.ok;
    expect(select?.columns).toEqual(['key', 'value']);
    expect(select?.rows).toEqual([
      [
        { tag: 'text', val: 'my_key' },
        { tag: 'text', val: 'my_value' },
      ],
    ]);
  });
});

test.describe('the outbound fixture', () => {
  // The echo server's port, known once this worker started it.
  test.use({
    spinApp: '../components/fixtures/outbound/conformance.spin.toml',
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture uses from this pattern.
    variables: async ({}, use) => use({ echo_port: String(echoPort) }),
  });

  test('outbound-wasi-http-v0.2.0 and its -no-perms: an allowed POST reaches the server with its content-length and the answer comes back; a host not allowed is HTTP-request-denied', async ({
    app,
  }) => {
    echoed.length = 0;
    const url = `http://127.0.0.1:${echoPort}/`;
    const query = new URLSearchParams({ url, method: 'POST', body: 'Hello, world!' });
    const answer = await app.fetch(`/call?${query}`);
    expect(answer.status(), await answer.text()).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 200, body: 'Hello, world!' });
    expect(echoed).toEqual([{ method: 'POST', contentLength: '13', body: 'Hello, world!' }]);

    const denied = await app.fetch(`/outbound-no-perms/?${new URLSearchParams({ url })}`);
    expect(await denied.json()).toMatchObject({ errorCode: 'HTTP-request-denied' });
    expect(echoed).toHaveLength(1);
  });
});
