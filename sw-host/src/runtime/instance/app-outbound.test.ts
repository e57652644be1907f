import { describe, expect, it } from 'vitest';
import { OutboundError, type OutboundRequest } from '../../wasi/http/index.ts';
import { appOutbound, MAX_IN_PROCESS_REQUESTS, type InProcessServer } from './app-outbound.ts';
import type { AppDefinition } from '../../apps/app-definition.ts';
import { DeployedApp } from '../../apps/deployed-app.ts';
import type { OutboundCall } from '../../protocol/outbound-calls.ts';

const ORIGIN = 'http://127.0.0.1:4173';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "shop"
[variables]
api = { default = "api.example.com" }
[[trigger.http]]
route = "/..."
component = "web"
[[trigger.http]]
route = { private = true }
component = "backend"
[component.web]
source = "web.wasm"
allowed_outbound_hosts = ["https://{{ api }}", "http://self", "http://backend.spin.internal", "http://127.0.0.1:9"]
[component.backend]
source = "backend.wasm"
`;

function deployed(): DeployedApp {
  const definition: AppDefinition = {
    name: 'shop',
    mount: '/apps/shop/',
    manifestText: MANIFEST,
    manifestFile: 'spin.toml',
    variables: {},
    keyValueStores: [],
    components: { web: { kind: 'stored', version: 'v1' }, backend: { kind: 'stored', version: 'v2' } },
    files: {},
    origin: 'deployed',
    deployedAt: 0,
  };
  return DeployedApp.prepare(definition).app;
}

interface Harness {
  calls: OutboundCall[];
  served: string[];
  fetched: { url: string; init: RequestInit | undefined }[];
  warnings: string[];
  send(url: string, method?: string): Promise<Response>;
}

/** The dispatcher of `web`, with a recording server and a fake network. */
function harness(
  network: (url: string, init: RequestInit | undefined) => Promise<Response> = async () =>
    new Response('net'),
  inApp: () => Promise<Response> = async () => new Response('in app'),
) {
  const app = deployed();
  const web = app.components.get('web')!;
  const served: string[] = [];
  const fetched: Harness['fetched'] = [];
  const warnings: string[] = [];
  const calls: OutboundCall[] = [];
  const server: InProcessServer = {
    async handle(request, servedApp, pathInApp) {
      served.push(`app ${servedApp.name} ${pathInApp} <- ${request.method} ${request.url}`);
      return inApp();
    },
    async handleChained(request, servedApp, componentId) {
      served.push(`chained ${servedApp.name}/${componentId} <- ${request.method} ${request.url}`);
      return new Response('chained');
    },
  };
  const dispatcher = appOutbound({
    app,
    component: web,
    server,
    warn: (message) => warnings.push(message),
    origin: ORIGIN,
    onCall: (call) => calls.push(call),
    fetch: async (input, init) => {
      fetched.push({ url: String(input), init });
      return network(String(input), init);
    },
  });
  const send = (url: string, method = 'GET') => {
    const request: OutboundRequest = {
      method,
      url,
      headers: new Headers(),
      body: null,
      signal: new AbortController().signal,
    };
    return dispatcher.send(request);
  };
  return { calls, served, fetched, warnings, send };
}

describe('appOutbound', () => {
  it('denies what allowed_outbound_hosts does not list, with HTTP-request-denied and a log line', async () => {
    const h = harness();
    const denied = h.send('https://evil.example.com/x');
    await expect(denied).rejects.toBeInstanceOf(OutboundError);
    await expect(denied).rejects.toMatchObject({ code: { tag: 'HTTP-request-denied' } });
    expect(h.warnings).toEqual([
      `A component tried to make a HTTP request to non-allowed host 'https://evil.example.com'. To allow requests, add 'allowed_outbound_hosts = ["https://evil.example.com"]' to the manifest component section.`,
    ]);
    expect(h.fetched).toEqual([]);
  });

  it('fetches allowed hosts (templates expanded), without the page’s credentials', async () => {
    const h = harness();
    expect(await (await h.send('https://api.example.com/v1')).text()).toBe('net');
    expect(h.fetched).toHaveLength(1);
    expect(h.fetched[0]).toMatchObject({ url: 'https://api.example.com/v1', init: { credentials: 'omit' } });
  });

  it('never follows a redirect: the guest gets an error naming it, and the log says why and what to do', async () => {
    // What `fetch(url, { redirect: 'manual' })` gives a page for a 3xx: no status, no Location.
    const opaqueRedirect = () =>
      Object.defineProperty(new Response(null), 'type', { value: 'opaqueredirect' });
    const h = harness(async () => opaqueRedirect());
    await expect(h.send('https://api.example.com/moved')).rejects.toMatchObject({
      code: { tag: 'internal-error', val: 'redirect from https://api.example.com not followed' },
    });
    expect(h.fetched[0]?.init).toMatchObject({ redirect: 'manual' });
    expect(h.fetched).toHaveLength(1);
    expect(h.warnings).toEqual([
      expect.stringMatching(
        /^shop\/web: https:\/\/api.example.com answered \/moved with a redirect, which Swerve does not follow: .*allowed_outbound_hosts.*`swerve up`/,
      ),
    ]);
  });

  it('serves requests to the app itself in process: relative URLs and self.alt', async () => {
    const h = harness();
    await h.send('/cart?id=1', 'POST');
    await h.send('http://self.alt/cart');
    expect(h.served).toEqual([
      `app shop /cart?id=1 <- POST ${ORIGIN}/apps/shop/cart?id=1`,
      `app shop /cart <- GET ${ORIGIN}/apps/shop/cart`,
    ]);
    expect(h.fetched).toEqual([]);
  });

  it('serves service chaining in process, private components included', async () => {
    const h = harness();
    await h.send('http://backend.spin.internal/orders/7');
    expect(h.served).toEqual(['chained shop/backend <- GET http://backend.spin.internal/orders/7']);
  });

  it('tells a response the browser withheld (CORS) from a server it could not reach', async () => {
    const cors = harness(async (_url, init) => {
      if (init?.mode === 'no-cors') return new Response(null);
      throw new TypeError('Failed to fetch');
    });
    await expect(cors.send('https://api.example.com/v1')).rejects.toMatchObject({
      code: { tag: 'internal-error', val: 'CORS: https://api.example.com does not allow this origin' },
    });
    expect(cors.warnings[0]).toMatch(
      /^shop\/web: the browser withheld the response of https:\/\/api.example.com/,
    );

    const down = harness(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down.send('http://127.0.0.1:9/')).rejects.toMatchObject({
      code: { tag: 'connection-refused' },
    });
    await expect(down.send('https://api.example.com/')).rejects.toMatchObject({
      code: { tag: 'destination-unavailable' },
    });
  });

  it('refuses with loop-detected when an app has too many requests to itself in flight', async () => {
    let release!: () => void;
    const held = new Promise<Response>((resolve) => (release = () => resolve(new Response('done'))));
    const h = harness(undefined, () => held);
    const pending = Array.from({ length: MAX_IN_PROCESS_REQUESTS }, () => h.send('/again'));
    await expect(h.send('/again')).rejects.toMatchObject({ code: { tag: 'loop-detected' } });
    expect(h.warnings[0]).toMatch(/requests to the app itself are in flight/);
    release();
    await Promise.all(pending);
    expect(await (await h.send('/again')).text()).toBe('done');
  });

  it('tells the request record of every call: where it went, its status or failure, and a denial’s reason', async () => {
    const h = harness(async (url) => {
      if (url.includes('down')) throw new TypeError('Failed to fetch');
      return new Response(null, { status: 204 });
    });
    await h.send('https://api.example.com/v1', 'PUT');
    await h.send('/cart');
    await h.send('http://backend.spin.internal/orders');
    await h.send('https://evil.example.com/x').catch(() => undefined);
    await h.send('http://127.0.0.1:9/down').catch(() => undefined);
    expect(h.calls).toEqual([
      expect.objectContaining({
        method: 'PUT',
        url: 'https://api.example.com/v1',
        target: 'network',
        status: 204,
      }),
      expect.objectContaining({ url: '/cart', target: 'self', status: 200 }),
      expect.objectContaining({
        url: 'http://backend.spin.internal/orders',
        target: 'component',
        status: 200,
      }),
      expect.objectContaining({
        url: 'https://evil.example.com/x',
        denied: true,
        error: expect.stringContaining(`add 'allowed_outbound_hosts = ["https://evil.example.com"]'`),
      }),
      expect.objectContaining({
        url: 'http://127.0.0.1:9/down',
        target: 'network',
        error: 'could not connect to http://127.0.0.1:9 (connection-refused).',
      }),
    ]);
    for (const call of h.calls) {
      expect(call.durationMs).toBeGreaterThanOrEqual(0);
      expect(call.at).toBeGreaterThan(0);
    }
    expect(h.calls[3]).not.toHaveProperty('target');
    expect(h.calls[3]).not.toHaveProperty('status');
  });
});
