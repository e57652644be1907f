/**
 * `swerve up` against the pages and clients that are not the app: its server listens on a port
 * any web page can reach, and holds the app folder, its variables and `--env` values, a relay
 * to the hosts the app may reach, and the terminal. Each test makes the attack as an attacker
 * would and checks nothing was read, relayed, printed or navigated to.
 */
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:http';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test as base } from '../fixtures/swerve.ts';
import { freePort, startSwerveUp, stop, type SwerveUp } from '../fixtures/swerve-up-process.ts';

const REPO = resolve(import.meta.dirname, '../..');
const SECRET = 'env-secret-4711';

interface Setup {
  up: SwerveUp;
  port: number;
  /** The requests the host the app may reach received (through the relay or otherwise). */
  upstreamHits: string[];
  upstreamUrl: string;
  /** A page of another site: `localhost` is another site than `127.0.0.1`. */
  attackerUrl: string;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((done) => server.listen(port, '127.0.0.1', done));
}

const test = base.extend<object, { setup: Setup }>({
  setup: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const upstreamHits: string[] = [];
      const upstream = createServer((request, response) => {
        upstreamHits.push(`${request.method} ${request.url}`);
        response.end('upstream answer');
      });
      const upstreamPort = await freePort();
      await listen(upstream, upstreamPort);
      const attacker = createServer((_, response) => {
        response.setHeader('content-type', 'text/html');
        response.end('<!doctype html><title>another site</title><p>another site</p>');
      });
      const attackerPort = await freePort();
      await listen(attacker, attackerPort);

      const dir = await mkdtemp(join(tmpdir(), 'swerve-up-security-'));
      await mkdir(join(dir, 'dist'));
      await copyFile(join(REPO, 'components/fixtures/outbound/dist/raw.wasm'), join(dir, 'dist/raw.wasm'));
      await writeFile(
        join(dir, 'spin.toml'),
        `spin_manifest_version = 2
[application]
name = "guarded"
[[trigger.http]]
route = "/..."
component = "raw"
[component.raw]
source = "dist/raw.wasm"
allowed_outbound_hosts = ["http://127.0.0.1:${upstreamPort}"]
`,
      );
      const port = await freePort();
      const { child, up } = await startSwerveUp([dir, '--port', String(port), '-e', `TOKEN=${SECRET}`]);
      await use({
        up,
        port,
        upstreamHits,
        upstreamUrl: `http://127.0.0.1:${upstreamPort}/private`,
        attackerUrl: `http://localhost:${attackerPort}/`,
      });
      await stop(child);
      await Promise.all([upstream, attacker].map((server) => new Promise((done) => server.close(done))));
      await rm(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

/** A request as Node sends it, with any Host header (which a browser never lets a page set). */
function rawRequest(
  port: number,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => done({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', fail);
    request.end(init.body);
  });
}

function relayHeaders(target: string): Record<string, string> {
  return {
    'x-swerve-relay-url': target,
    'x-swerve-relay-method': 'GET',
    'x-swerve-relay-component': 'raw',
    'x-swerve-relay-headers': encodeURIComponent('[]'),
  };
}

/** Posts an event from a page of the served origin, as the worker does, and waits until it is printed. */
async function printedMarker(page: import('@playwright/test').Page, setup: Setup, text: string) {
  await page.goto(`${setup.up.url}_swerve/app-files.json`);
  const status = await page.evaluate(
    (message) =>
      fetch('/_swerve/up/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { type: 'log', record: { id: 1, at: 0, level: 'info', source: 'host', message } },
        ]),
      }).then((response) => response.status),
    text,
  );
  expect(status).toBe(204);
}

test('a page under a name swerve up does not serve (DNS rebinding) reads no file, variable or --env value, and reaches nothing through the relay', async ({
  setup,
}) => {
  // What a page at evil.example sends once its name resolves to 127.0.0.1: same-origin to it.
  const host = `evil.example:${setup.port}`;
  const asRebound = { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' };
  for (const path of ['/_swerve/app-files.json', '/_swerve/app/spin.toml', '/']) {
    const answer = await rawRequest(setup.port, path, {
      headers: { ...asRebound, 'sec-fetch-mode': 'cors' },
    });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain(SECRET);
    expect(answer.body).toContain('evil.example');
    expect(answer.body).toContain('--allowed-host evil.example');
  }
  const relayed = await rawRequest(setup.port, '/_swerve/relay', {
    method: 'POST',
    headers: { ...asRebound, ...relayHeaders(setup.upstreamUrl) },
  });
  expect(relayed.status).toBe(403);
  expect(relayed.body).not.toContain('upstream answer');
  expect(setup.upstreamHits).toEqual([]);

  // The names the server does serve still get the app: every *.localhost is this machine.
  const served = await rawRequest(setup.port, '/_swerve/app-files.json', {
    headers: { host: `app.localhost:${setup.port}` },
  });
  expect(served.status).toBe(200);
  expect(JSON.parse(served.body).environment).toEqual({ TOKEN: SECRET });
});

test('a page of another site cannot print into the terminal: its no-cors POST to the events endpoint is refused, and what the app prints is shown without control characters', async ({
  page,
  setup,
}) => {
  await page.goto(setup.attackerUrl);
  const event = (message: string) =>
    JSON.stringify([{ type: 'log', record: { id: 1, at: 0, level: 'error', source: 'host', message } }]);
  // A simple request needs no preflight: the browser sends it, the attacker cannot read the answer.
  await page.evaluate(
    async ({ url, bodies }) => {
      for (const body of bodies) await fetch(url, { method: 'POST', mode: 'no-cors', body });
      await fetch(url, {
        method: 'POST',
        mode: 'no-cors',
        headers: { 'content-type': 'text/plain' },
        body: bodies[0],
      });
    },
    {
      url: `${setup.up.url}_swerve/up/events`,
      bodies: [event('PWNED by another site \x1b[2J\x1b[31m'), event('PWNED\rrewritten line')],
    },
  );
  // The terminal prints in order: once a later event from the app's own origin shows, the
  // attacker's would have shown before it.
  await printedMarker(page, setup, 'marker from the app \x1b[31mred\x1b[0m\rback');
  await expect.poll(() => setup.up.output()).toContain('marker from the app \\x1b[31mred\\x1b[0m\\rback');
  expect(setup.up.output()).not.toContain('PWNED');
  expect(setup.up.output()).not.toContain('\x1b');
  expect(setup.up.output()).not.toContain('\r');
});

test('the redeploy page goes only to a path of this origin: a ?to= with a tab or a newline, which the browser would drop, is refused with a message', async ({
  page,
  setup,
}) => {
  const leftTheOrigin: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(setup.up.url)) leftTheOrigin.push(request.url());
  });
  for (const to of ['/%09/evil.example/', '/%0A/evil.example/', '/%0D%0A/evil.example/']) {
    const response = await page.goto(`${setup.up.url}_swerve/up?to=${to}`);
    expect(response?.status()).toBe(400);
    await expect(page.locator('body')).toContainText('?to= must be a path of this app');
    expect(new URL(page.url()).origin).toBe(new URL(setup.up.url).origin);
  }
  expect(leftTheOrigin).toEqual([]);
});

test('the relay serves only the app’s own worker: a client without a browser’s same-origin marks (another machine, curl) or a page of another origin is refused', async ({
  page,
  setup,
}) => {
  const base = `http://127.0.0.1:${setup.port}`;
  // What any process (or, with --host 0.0.0.0, any machine) can send: no Sec-Fetch-Site at all.
  const bare = await rawRequest(setup.port, '/_swerve/relay', {
    method: 'POST',
    headers: relayHeaders(setup.upstreamUrl),
  });
  expect(bare.status).toBe(403);
  // A page of another site, with the browser's own marks, as close as it can get.
  const forged = await rawRequest(setup.port, '/_swerve/relay', {
    method: 'POST',
    headers: {
      ...relayHeaders(setup.upstreamUrl),
      origin: setup.attackerUrl.replace(/\/$/, ''),
      'sec-fetch-site': 'cross-site',
    },
  });
  expect(forged.status).toBe(403);
  await page.goto(setup.attackerUrl);
  const fromPage = await page.evaluate(
    ({ url, headers }) =>
      fetch(url, { method: 'POST', headers }).then(
        (response) => `answered ${response.status}`,
        () => 'blocked',
      ),
    { url: `${base}/_swerve/relay`, headers: relayHeaders(setup.upstreamUrl) },
  );
  expect(fromPage).toBe('blocked');
  expect(setup.upstreamHits).toEqual([]);
});
