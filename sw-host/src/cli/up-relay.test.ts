import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeHeaderList,
  encodeHeaderList,
  RELAY_HEADER,
  RELAY_PATH,
  RELAY_READY,
} from '../protocol/relay.ts';
import { AppFolder } from './app-folder.ts';
import { relay } from './up-relay.ts';

let dir = '';
let upstream: Server;
let relayServer: Server;
let upstreamPort = 0;
let relayUrl = '';
let closedPort = 0;
/** Whether the relay takes the test's connections for this machine's (another machine's when false). */
let fromThisMachine = true;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  upstream = createServer((request, response) => {
    if (request.url === '/exact-length') {
      // A server that reads exactly content-length bytes (Python's http.server does).
      const length = Number(request.headers['content-length'] ?? 0);
      let body = Buffer.alloc(0);
      request.on('data', (chunk: Buffer) => (body = Buffer.concat([body, chunk])));
      request.on('end', () =>
        response.end(
          JSON.stringify({
            length: request.headers['content-length'] ?? null,
            chunked: request.headers['transfer-encoding'] === 'chunked',
            read: body.subarray(0, length).toString(),
          }),
        ),
      );
      return;
    }
    if (request.url === '/moved') {
      response.writeHead(302, { location: '/elsewhere' });
      return response.end();
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      response.setHeader('set-cookie', ['a=1', 'b=2']);
      response.writeHead(201, { 'x-upstream': 'yes', 'content-type': 'text/plain' });
      response.end(`${request.method} ${request.url} ${request.headers['x-guest'] ?? ''} ${body}`.trim());
    });
  });
  upstreamPort = await listen(upstream);
  const closed = createServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));

  dir = await mkdtemp(join(tmpdir(), 'swerve-relay-'));
  await mkdir(join(dir, 'dist'));
  await writeFile(join(dir, 'dist/web.wasm'), 'x');
  await writeFile(
    join(dir, 'spin.toml'),
    `spin_manifest_version = 2
[application]
name = "relayed"
[variables]
port = { default = "1" }
[[trigger.http]]
route = "/..."
component = "web"
[component.web]
source = "dist/web.wasm"
allowed_outbound_hosts = ["http://127.0.0.1:{{ port }}", "http://127.0.0.1:${closedPort}"]
`,
  );
  const folder = await AppFolder.open({
    manifestPath: join(dir, 'spin.toml'),
    displayPath: 'spin.toml',
    variables: { port: String(upstreamPort) },
    keyValues: {},
    hostBuild: 'b1',
  });
  relayServer = createServer(
    (request, response) => void relay(request, response, folder, () => fromThisMachine),
  );
  relayUrl = `http://127.0.0.1:${await listen(relayServer)}${RELAY_PATH}`;
});

afterAll(async () => {
  await Promise.all([upstream, relayServer].map((server) => new Promise((resolve) => server.close(resolve))));
  await rm(dir, { recursive: true, force: true });
});

/** A relayed request, with the marks a browser gives the worker's own (or `site` and `origin`). */
function relayed(
  target: string,
  init: { method?: string; body?: string; site?: string | null; origin?: string; component?: string } = {},
) {
  const site = init.site === undefined ? 'same-origin' : init.site;
  return fetch(relayUrl, {
    method: 'POST',
    headers: {
      [RELAY_HEADER.url]: target,
      [RELAY_HEADER.method]: init.method ?? 'GET',
      [RELAY_HEADER.component]: init.component ?? 'web',
      [RELAY_HEADER.headers]: encodeHeaderList([
        ['x-guest', 'hi'],
        ['host', 'ignored.example'],
      ]),
      ...(site ? { 'sec-fetch-site': site } : {}),
      origin: init.origin ?? new URL(relayUrl).origin,
    },
    body: init.body,
  });
}

describe('the swerve up relay', () => {
  it('says it relays', async () => {
    expect(await (await fetch(relayUrl)).text()).toBe(RELAY_READY);
  });

  it('makes an allowed request and passes the whole response back, headers and cookies included', async () => {
    const response = await relayed(`http://127.0.0.1:${upstreamPort}/items?x=1`, {
      method: 'POST',
      body: 'ping',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get(RELAY_HEADER.status)).toBe('201');
    const headers = decodeHeaderList(response.headers.get(RELAY_HEADER.headers));
    expect(headers).toContainEqual(['x-upstream', 'yes']);
    expect(headers.filter(([name]) => name === 'set-cookie')).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    expect(await response.text()).toBe('POST /items?x=1 hi ping');
  });

  it("sends the body's length as content-length, not chunked, as Spin sends a component's", async () => {
    const response = await relayed(`http://127.0.0.1:${upstreamPort}/exact-length`, {
      method: 'PUT',
      body: 'Hello, world!',
    });
    expect(await response.json()).toEqual({ length: '13', chunked: false, read: 'Hello, world!' });
  });

  it('hands redirects back instead of following them, as wasi:http does', async () => {
    const response = await relayed(`http://127.0.0.1:${upstreamPort}/moved`);
    expect(response.headers.get(RELAY_HEADER.status)).toBe('302');
    expect(decodeHeaderList(response.headers.get(RELAY_HEADER.headers))).toContainEqual([
      'location',
      '/elsewhere',
    ]);
  });

  it('checks allowed_outbound_hosts itself', async () => {
    const response = await relayed('http://127.0.0.1:9/');
    expect(response.status).toBe(502);
    expect(response.headers.get(RELAY_HEADER.error)).toBe('HTTP-request-denied');
    expect((await relayed(`http://127.0.0.1:${upstreamPort}/`, { component: 'nope' })).status).toBe(502);
  });

  it('names the failure exactly', async () => {
    const response = await relayed(`http://127.0.0.1:${closedPort}/`);
    expect(response.status).toBe(502);
    expect(response.headers.get(RELAY_HEADER.error)).toBe('connection-refused');
  });

  it('refuses other sites, other origins, and clients without the browser marks of the served origin', async () => {
    const target = `http://127.0.0.1:${upstreamPort}/`;
    for (const init of [
      { site: 'cross-site' },
      { site: 'same-site', origin: 'http://127.0.0.1:1' },
      // Another machine, or any process here: no Sec-Fetch-Site at all.
      { site: null },
      // Marked same-origin, but from another origin than the server's.
      { origin: 'http://localhost:1' },
    ]) {
      const response = await relayed(target, init);
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(
        /^The relay serves only the app running in this server’s own pages: this was a/,
      );
    }
  });

  it('does not exist for another machine, which can forge every header: its browser sends requests itself', async () => {
    fromThisMachine = false;
    try {
      expect((await fetch(relayUrl)).status).toBe(404);
      expect((await relayed(`http://127.0.0.1:${upstreamPort}/`)).status).toBe(404);
    } finally {
      fromThisMachine = true;
    }
  });
});
