/**
 * Outgoing HTTP from components, as under `spin up`: requests checked against
 * `allowed_outbound_hosts`, a denied one getting `HTTP-request-denied` and a log line naming the
 * entry to add, network failures as wasi:http error codes, requests to the app itself served in
 * process, and Hono's fetch-on-404 fallback. Also HEAD and guest log lines. (Service chaining to
 * the probe: e2e/tests/outbound.spec.ts.)
 *
 * The `outbound` fixture calls `fetch` as apps do; its `raw` component calls the outgoing
 * handler itself, to show the exact error code a `fetch` would turn into a TypeError. The app is
 * components/fixtures/outbound/calls.spin.toml, its peers' addresses given as variables.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type AppFetchOptions, type SwerveApp } from '@swerve/playwright';

/** Nothing listens here. */
const CLOSED_PORT = 4197;

interface Seen {
  port: number;
  method: string;
  url: string;
  body: string;
}

const seen: Seen[] = [];
const servers: Server[] = [];
/** This worker's servers: answering with CORS headers, without them, and one no component may call. */
const ports = { peer: 0, noCors: 0, denied: 0 };

async function listen(cors: boolean): Promise<number> {
  let port = 0;
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return port;
}

test.beforeAll(async () => {
  [ports.peer, ports.noCors, ports.denied] = await Promise.all([listen(true), listen(false), listen(true)]);
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

test.use({
  spinApp: '../components/fixtures/outbound/calls.spin.toml',
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture uses from this pattern.
  variables: async ({}, use) =>
    use({
      peer: `127.0.0.1:${ports.peer}`,
      no_cors: `127.0.0.1:${ports.noCors}`,
      closed: `127.0.0.1:${CLOSED_PORT}`,
    }),
});

test.beforeEach(() => {
  seen.length = 0;
});

/** What the `outbound` component's `fetch(url)` gave it. */
async function call(app: SwerveApp, url: string, init: { method?: string; body?: string } = {}) {
  const query = new URLSearchParams({ url, ...init });
  const answer = await app.fetch(`/call?${query}`);
  return { status: answer.status(), ...((await answer.json()) as Record<string, unknown>) } as {
    status: number;
    body?: string;
    error?: string;
    headers: Record<string, string>;
  };
}

/** What the `raw` component's outgoing handler gave it: a status, or an error code. */
async function raw(app: SwerveApp, url: string) {
  const answer = await app.fetch(`/raw/?${new URLSearchParams({ url })}`);
  expect(answer.status()).toBe(200);
  return answer.json();
}

/** The status and body text of a request to the app. */
async function plain(app: SwerveApp, path: string, options?: AppFetchOptions) {
  const answer = await app.fetch(path, options);
  return { status: answer.status(), body: await answer.text() };
}

test('an allowed request reaches another local server, and its answer reaches the component', async ({
  app,
}) => {
  const get = await call(app, `http://127.0.0.1:${ports.peer}/greet?x=1`);
  expect(get).toMatchObject({ status: 200, body: `peer ${ports.peer}: GET /greet?x=1` });
  expect(get.headers['x-peer']).toBe('yes');

  const post = await call(app, `http://127.0.0.1:${ports.peer}/items`, { method: 'POST', body: 'ping' });
  expect(post.body).toBe(`peer ${ports.peer}: POST /items ping`);
  expect(seen.filter((request) => request.port === ports.peer && request.method !== 'OPTIONS')).toHaveLength(
    2,
  );
});

test('a request to a host not allowed gets HTTP-request-denied, and the log says which entry to add', async ({
  app,
  logs,
}) => {
  const denied = `http://127.0.0.1:${ports.denied}/secret`;
  expect(await raw(app, denied)).toEqual({ errorCode: 'HTTP-request-denied', detail: null });
  await expect
    .poll(async () => (await logs()).find((line) => line.message.includes(`127.0.0.1:${ports.denied}`)))
    .toMatchObject({
      component: 'raw',
      message: expect.stringContaining(
        `A component tried to make a HTTP request to non-allowed host 'http://127.0.0.1:${ports.denied}'. To allow requests, add 'allowed_outbound_hosts = ["http://127.0.0.1:${ports.denied}"]' to the manifest component section.`,
      ),
    });

  // A JavaScript fetch rejects, as it does under Spin; nothing reached the server.
  const fetched = await call(app, denied);
  expect(fetched.status).toBe(502);
  expect(fetched.error).toMatch(/TypeError/);
  expect(seen.filter((request) => request.port === ports.denied)).toEqual([]);
});

test('network failures reach the component as wasi:http error codes, not host errors', async ({
  app,
  logs,
  requests,
}) => {
  expect(await raw(app, `http://127.0.0.1:${CLOSED_PORT}/`)).toEqual({
    errorCode: 'connection-refused',
    detail: null,
  });

  // The server answered, but sent no CORS headers: the browser withholds the response.
  const blocked = await raw(app, `http://127.0.0.1:${ports.noCors}/`);
  expect(blocked).toEqual({
    errorCode: 'internal-error',
    detail: `CORS: http://127.0.0.1:${ports.noCors} does not allow this origin`,
  });
  await expect
    .poll(async () => (await logs()).find((line) => line.message.includes('(CORS)'))?.message)
    .toContain(`the browser withheld the response of http://127.0.0.1:${ports.noCors}`);
  expect((await logs()).filter((line) => line.message.includes('answered 500'))).toEqual([]);
  expect((await requests()).map((request) => request.status)).toEqual([200, 200]);
});

test('a request to the app itself is served in process, by the route it names', async ({ app, requests }) => {
  // A request with no authority (what Spin calls a relative URL) ...
  expect(await raw(app, '/hello')).toEqual({ status: 200, body: 'hello from outbound\n' });
  // ... and, from JavaScript, whose fetch makes every URL absolute, http://self.alt/.
  const self = await call(app, 'http://self.alt/hello');
  expect(self).toMatchObject({ status: 200, body: 'hello from outbound\n' });
  // It never reached a server: the worker's own fetch would have gone to the network.
  expect(seen).toEqual([]);
  expect(await app.outbound()).toEqual([]);
  // The calling requests' records say where the calls went.
  const records = await requests();
  expect(records.find((record) => record.path.startsWith('/raw/'))?.outbound?.calls).toEqual([
    expect.objectContaining({ method: 'GET', url: '/hello', target: 'self', status: 200 }),
  ]);
  expect(records.find((record) => record.path.startsWith('/call?'))?.outbound?.calls).toEqual([
    expect.objectContaining({ url: expect.stringContaining('self.alt/hello'), target: 'self', status: 200 }),
  ]);
});

test('an app that re-fetches unknown paths, as Hono does, answers as under Spin: its fetch is denied', async ({
  app,
  logs,
}) => {
  const answer = await plain(app, '/no/such/page');
  // The component's fetch of its own absolute URL is not allowed (`self` covers only requests
  // with no authority and self.alt), so its respondWith promise rejects and the engine answers
  // 500 with an empty body, as under spin up.
  expect(answer).toEqual({ status: 500, body: '' });
  const origin = new URL(app.origin).host;
  await expect
    .poll(async () =>
      (await logs()).find((line) => line.message.includes(`non-allowed host 'http://${origin}'`)),
    )
    .toMatchObject({
      component: 'outbound',
      message: expect.stringContaining(
        `A component tried to make a HTTP request to non-allowed host 'http://${origin}'.`,
      ),
    });
  // Known paths still answer.
  expect((await plain(app, '/hello')).body).toBe('hello from outbound\n');
});

test('a response to HEAD carries no body, even served in process', async ({ app }) => {
  const head = await call(app, 'http://self.alt/hello', { method: 'HEAD' });
  expect(head).toMatchObject({ status: 200, body: '' });
  expect(head.headers['content-type']).toBe('text/plain');
  expect(await plain(app, '/hello', { method: 'HEAD' })).toEqual({ status: 200, body: '' });
});

test("a guest's console.log is one log line", async ({ app, logs }) => {
  expect((await app.fetch('/log')).status()).toBe(200);
  await expect
    .poll(async () => (await logs()).filter((line) => line.message.includes('outbound: one line')))
    .toHaveLength(1);
  expect(
    (await logs()).filter((line) => line.component === 'outbound' && line.message.trim() === ''),
  ).toEqual([]);
});
