/**
 * Outgoing HTTP from a WASI 0.3 component with `wasi:http/client@0.3.0`, as Spin 4 gives it: the
 * guest is components/fixtures/http-p3-spin, hand-written WAT that calls it with `[async-lower]`
 * and waits on a waitable set, as a spin-sdk 6 guest does (components/fixtures/http-p3-spin/
 * outbound.spin.toml, the local servers' addresses given as variables). (Spin's key-value and
 * variables beside a WASI 0.2 component in the same app, a request to that component, and
 * `swerve up`: e2e/tests/wasi-p3-spin.spec.ts.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type SwerveApp } from '@swerve/playwright';

/** Allowed, but nothing listens. */
const CLOSED_PORT = 4728;

const servers: Server[] = [];
const seen: string[] = [];
/** This worker's servers: one the component may call, one it may not. */
const ports = { peer: 0, denied: 0 };

async function listen(): Promise<number> {
  let port = 0;
  const server = createServer((request, response) => {
    seen.push(`${port} ${request.method} ${request.url}`);
    response.setHeader('access-control-allow-origin', '*');
    response
      .writeHead(200, { 'content-type': 'text/plain' })
      .end(`peer ${port}: ${request.method} ${request.url}`);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return port;
}

test.beforeAll(async () => {
  [ports.peer, ports.denied] = await Promise.all([listen(), listen()]);
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

test.use({
  spinApp: '../components/fixtures/http-p3-spin/outbound.spin.toml',
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture uses from this pattern.
  variables: async ({}, use) => use({ peer: `127.0.0.1:${ports.peer}`, closed: `127.0.0.1:${CLOSED_PORT}` }),
});

test.beforeEach(() => {
  seen.length = 0;
});

async function get(app: SwerveApp, path: string) {
  const response = await app.fetch(path);
  return { status: response.status(), body: await response.text() };
}

test('an allowed server is reached, and its status and body reach the guest', async ({ app, requests }) => {
  expect(await get(app, `/send-to?127.0.0.1:${ports.peer}`)).toEqual({
    status: 200,
    body: `200 peer ${ports.peer}: GET /from-p3`,
  });
  expect(seen).toEqual([`${ports.peer} GET /from-p3`]);
  // The request's record lists the call, as for a WASI 0.2 component (protocol/outbound-calls.ts).
  expect((await requests()).at(-1)?.outbound).toEqual({
    calls: [
      expect.objectContaining({
        method: 'GET',
        url: `http://127.0.0.1:${ports.peer}/from-p3`,
        target: 'network',
        status: 200,
      }),
    ],
    omitted: 0,
  });
});

test('a host not allowed is HTTP-request-denied, and the log says which entry to add, as for WASI 0.2', async ({
  app,
  logs,
  requests,
}) => {
  expect(await get(app, `/send-to?127.0.0.1:${ports.denied}`)).toEqual({
    status: 500,
    body: 'error: HTTP-request-denied',
  });
  await expect
    .poll(async () =>
      (await logs()).find((line) =>
        line.message.includes(`non-allowed host 'http://127.0.0.1:${ports.denied}'`),
      ),
    )
    .toMatchObject({
      component: 'api',
      message: expect.stringContaining(
        `A component tried to make a HTTP request to non-allowed host 'http://127.0.0.1:${ports.denied}'. To allow requests, add 'allowed_outbound_hosts = ["http://127.0.0.1:${ports.denied}"]' to the manifest component section.`,
      ),
    });
  expect(seen).toEqual([]);
  expect((await requests()).at(-1)?.outbound?.calls).toEqual([
    expect.objectContaining({
      denied: true,
      error: expect.stringContaining(`add 'allowed_outbound_hosts = ["http://127.0.0.1:${ports.denied}"]'`),
    }),
  ]);
});

test('a server that cannot be reached is an error code for the guest, not a host failure', async ({
  app,
}) => {
  expect(await get(app, `/send-to?127.0.0.1:${CLOSED_PORT}`)).toEqual({
    status: 500,
    body: 'error: connection-refused',
  });
  // The instance is fine for the next request.
  expect(await get(app, '/var?greeting')).toEqual({ status: 200, body: 'hello from a spin variable' });
});
