/**
 * Outgoing HTTP from components, as under `spin up`: requests checked against
 * `allowed_outbound_hosts`, a denied one getting `HTTP-request-denied` and a log line naming the
 * entry to add, network failures as wasi:http error codes, requests to the app itself and service
 * chaining served in process, and Hono's fetch-on-404 fallback. Also HEAD and guest log lines.
 *
 * The `outbound` fixture calls `fetch` as apps do; its `raw` component calls the outgoing
 * handler itself, to show the exact error code a `fetch` would turn into a TypeError.
 */
import type { Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, test, type HostFetch } from '../fixtures/swerve.ts';
import { appOrigin, withHost } from '../fixtures/app-hosts.ts';

/** Answers with CORS headers, as a service a page may call must. */
const PEER_PORT = 4195;
/** Answers too, but sends no CORS headers: the browser withholds its responses. */
const NO_CORS_PORT = 4196;
/** Nothing listens here. */
const CLOSED_PORT = 4197;
/** Listens, but no component may call it. */
const DENIED_PORT = 4198;

const MANIFEST = `
spin_manifest_version = 2

[application]
name = "calls"

[variables]
peer = { default = "127.0.0.1:1" }

[[trigger.http]]
route = "/..."
component = "outbound"

[[trigger.http]]
route = "/raw/..."
component = "raw"

[[trigger.http]]
route = { private = true }
component = "probe"

[component.outbound]
source = "outbound.wasm"
allowed_outbound_hosts = ["http://{{ peer }}", "http://self", "http://probe.spin.internal"]

[component.raw]
source = "raw.wasm"
allowed_outbound_hosts = ["http://{{ peer }}", "http://self", "http://127.0.0.1:${NO_CORS_PORT}", "http://127.0.0.1:${CLOSED_PORT}"]

[component.probe]
source = "probe.wasm"
`;

interface Seen {
  port: number;
  method: string;
  url: string;
  body: string;
}

const seen: Seen[] = [];
const servers: Server[] = [];

function listen(port: number, cors: boolean): Promise<void> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ port, method: request.method ?? '', url: request.url ?? '', body });
      if (cors) {
        response.setHeader('access-control-allow-origin', '*');
        response.setHeader('access-control-allow-headers', '*');
        response.setHeader('access-control-allow-methods', '*');
        response.setHeader('access-control-expose-headers', 'x-peer');
      }
      if (request.method === 'OPTIONS') return response.writeHead(204).end();
      response.writeHead(200, { 'content-type': 'text/plain', 'x-peer': 'yes' });
      response.end(`peer ${port}: ${request.method} ${request.url} ${body}`.trimEnd());
    });
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

test.beforeAll(async () => {
  await Promise.all([listen(PEER_PORT, true), listen(NO_CORS_PORT, false), listen(DENIED_PORT, true)]);
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

test.beforeEach(async ({ hostPage }) => {
  await serveTestFiles(hostPage);
  const deployed = await deployApp(hostPage, {
    manifest: MANIFEST,
    files: {
      'outbound.wasm': { built: 'fixtures/outbound/dist/outbound.wasm' },
      'raw.wasm': { built: 'fixtures/outbound/dist/raw.wasm' },
      'probe.wasm': { built: 'fixtures/probe/dist/probe.wasm' },
    },
    variables: { peer: `127.0.0.1:${PEER_PORT}` },
  });
  expect(deployed).toMatchObject({ ok: true });
  seen.length = 0;
});

/** What the `outbound` component's `fetch(url)` gave it. */
async function call(hostFetch: HostFetch, url: string, init: { method?: string; body?: string } = {}) {
  const query = new URLSearchParams({ url, ...init });
  const answer = await hostFetch(`/apps/calls/call?${query}`);
  return { status: answer.status, ...JSON.parse(answer.body) };
}

/** What the `raw` component's outgoing handler gave it: a status, or an error code. */
async function raw(hostFetch: HostFetch, url: string) {
  const answer = await hostFetch(`/apps/calls/raw/?${new URLSearchParams({ url })}`);
  expect(answer.status).toBe(200);
  return JSON.parse(answer.body);
}

test('an allowed request reaches another local server, and its answer reaches the component', async ({
  hostFetch,
}) => {
  const get = await call(hostFetch, `http://127.0.0.1:${PEER_PORT}/greet?x=1`);
  expect(get).toMatchObject({ status: 200, body: `peer ${PEER_PORT}: GET /greet?x=1` });
  expect(get.headers['x-peer']).toBe('yes');

  const post = await call(hostFetch, `http://127.0.0.1:${PEER_PORT}/items`, { method: 'POST', body: 'ping' });
  expect(post.body).toBe(`peer ${PEER_PORT}: POST /items ping`);
  expect(seen.filter((request) => request.port === PEER_PORT && request.method !== 'OPTIONS')).toHaveLength(
    2,
  );
});

test('a request to a host not allowed gets HTTP-request-denied, and the log says which entry to add', async ({
  hostFetch,
  workerLogs,
}) => {
  const denied = `http://127.0.0.1:${DENIED_PORT}/secret`;
  expect(await raw(hostFetch, denied)).toEqual({ errorCode: 'HTTP-request-denied', detail: null });
  await expect
    .poll(() => workerLogs.find((line) => line.includes(`127.0.0.1:${DENIED_PORT}`)))
    .toContain(
      `calls/raw #1 A component tried to make a HTTP request to non-allowed host 'http://127.0.0.1:${DENIED_PORT}'. To allow requests, add 'allowed_outbound_hosts = ["http://127.0.0.1:${DENIED_PORT}"]' to the manifest component section.`,
    );

  // A JavaScript fetch rejects, as it does under Spin; nothing reached the server.
  const fetched = await call(hostFetch, denied);
  expect(fetched.status).toBe(502);
  expect(fetched.error).toMatch(/TypeError/);
  expect(seen.filter((request) => request.port === DENIED_PORT)).toEqual([]);
});

test('network failures reach the component as wasi:http error codes, not host errors', async ({
  hostFetch,
  workerLogs,
}) => {
  expect(await raw(hostFetch, `http://127.0.0.1:${CLOSED_PORT}/`)).toEqual({
    errorCode: 'connection-refused',
    detail: null,
  });

  // The server answered, but sent no CORS headers: the browser withholds the response.
  const blocked = await raw(hostFetch, `http://127.0.0.1:${NO_CORS_PORT}/`);
  expect(blocked).toEqual({
    errorCode: 'internal-error',
    detail: `CORS: http://127.0.0.1:${NO_CORS_PORT} does not allow this origin`,
  });
  await expect
    .poll(() => workerLogs.find((line) => line.includes('(CORS)')))
    .toContain(`the browser withheld the response of http://127.0.0.1:${NO_CORS_PORT}`);
  expect(workerLogs.filter((line) => line.includes('answered 500'))).toEqual([]);
});

/** The outbound calls the host recorded for the first request of app `calls` whose path starts with `prefix`. */
async function recordedCalls(hostPage: Page, prefix: string) {
  const records = await withHost(hostPage, 'calls', (host) => host.requests(), undefined);
  return records.find((record) => record.path.startsWith(prefix))?.outbound?.calls;
}

test('a request to the app itself is served in process, by the route it names', async ({
  hostFetch,
  hostPage,
}) => {
  // A request with no authority (what Spin calls a relative URL) ...
  expect(await raw(hostFetch, '/hello')).toEqual({ status: 200, body: 'hello from outbound\n' });
  // ... and, from JavaScript, whose fetch makes every URL absolute, http://self.alt/.
  const self = await call(hostFetch, 'http://self.alt/hello');
  expect(self).toMatchObject({ status: 200, body: 'hello from outbound\n' });
  // It never reached a server: the worker's own fetch would have gone to the network.
  expect(seen).toEqual([]);
  // The calling requests' records say so.
  expect(await recordedCalls(hostPage, '/raw/')).toEqual([
    expect.objectContaining({ method: 'GET', url: '/hello', target: 'self', status: 200 }),
  ]);
  expect(await recordedCalls(hostPage, '/call?')).toEqual([
    expect.objectContaining({ url: expect.stringContaining('self.alt/hello'), target: 'self', status: 200 }),
  ]);
});

test('service chaining reaches a private component with the route /..., as Spin does', async ({
  hostFetch,
  hostPage,
}) => {
  const chained = await call(hostFetch, 'http://probe.spin.internal/some/path?q=1');
  expect(chained.status).toBe(200);
  expect(await recordedCalls(hostPage, '/call?')).toEqual([
    expect.objectContaining({
      url: 'http://probe.spin.internal/some/path?q=1',
      target: 'component',
      status: 200,
    }),
  ]);
  const probe = JSON.parse(chained.body);
  expect(probe.pathWithQuery).toBe('/some/path?q=1');
  // No `host`: a WASI 0.2 guest is not shown it, as under Spin (wasmtime strips it).
  expect(probe.headers.host).toBeUndefined();
  expect(probe.headers).toMatchObject({
    'spin-full-url': 'http://probe.spin.internal/some/path?q=1',
    'spin-path-info': '/some/path',
    'spin-raw-component-route': '/...',
    'spin-client-addr': '0.0.0.0:0',
  });
});

test('an app that re-fetches unknown paths, as Hono does, answers as under Spin: its fetch is denied', async ({
  hostFetch,
  workerLogs,
}) => {
  const answer = await hostFetch('/apps/calls/no/such/page');
  // The component's fetch of its own absolute URL is not allowed (`self` covers only requests
  // with no authority and self.alt), so its respondWith promise rejects and the engine answers
  // 500 with an empty body, as under spin up.
  expect(answer).toMatchObject({ status: 500, body: '' });
  const origin = new URL(appOrigin('calls')).host;
  await expect
    .poll(() => workerLogs.find((line) => line.includes(`non-allowed host 'http://${origin}'`)))
    .toContain(
      `calls/outbound #1 A component tried to make a HTTP request to non-allowed host 'http://${origin}'.`,
    );
  // Known paths still answer.
  expect((await hostFetch('/apps/calls/hello')).body).toBe('hello from outbound\n');
});

test('a response to HEAD carries no body, even served in process', async ({ hostFetch }) => {
  const head = await call(hostFetch, 'http://self.alt/hello', { method: 'HEAD' });
  expect(head).toMatchObject({ status: 200, body: '' });
  expect(head.headers['content-type']).toBe('text/plain');
  const fromPage = await hostFetch('/apps/calls/hello', { method: 'HEAD' });
  expect(fromPage).toMatchObject({ status: 200, body: '' });
});

test("a guest's console.log is one log line", async ({ hostFetch, workerLogs }) => {
  expect((await hostFetch('/apps/calls/log')).status).toBe(200);
  await expect.poll(() => workerLogs.filter((line) => line.includes('outbound: one line'))).toHaveLength(1);
  expect(workerLogs.filter((line) => /outbound\/outbound #\d+\s*$/.test(line))).toEqual([]);
});
