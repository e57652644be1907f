/**
 * Every app runs at an origin of its own, and the browser keeps apps apart (docs/decisions/0007):
 * a document one app serves cannot read another app's data or the site's, call another app, pose
 * as a host to the site, or drive another app's host. A page of another site that embeds an app
 * gets it running without a service worker, and is told why the app's own pages cannot load.
 */
import { createServer, type Server } from 'node:http';
import type { Frame, Page } from '@playwright/test';
import { appOrigin, appTab, clientHandle, PORT, SITE_URL, withHost } from '../fixtures/app-hosts.ts';
import { hostRequest } from '../fixtures/host-request.ts';
import { deployApp, PROBE_FILES, probeManifest, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, fetchFrom, test } from '../fixtures/swerve.ts';
import { HOST_PROTOCOL_VERSION } from 'swerve/protocol';

/** App A: a document with a script, as any shared app could serve. */
const DOCUMENT_APP = `spin_manifest_version = 2
[application]
name = "app-a"
[[trigger.http]]
route = "/..."
static_response = { headers = { content-type = "text/html" }, body = "<!doctype html><h1>App A</h1>" }
`;

const B_SECRET = 'only-b-may-read-this';

/** Deploys A (a document) and B (the probe, holding a secret in its store) from the site's page. */
async function deployAAndB(hostPage: Page): Promise<void> {
  await serveTestFiles(hostPage);
  const a = await deployApp(hostPage, { manifest: DOCUMENT_APP });
  expect(a.ok, JSON.stringify(a)).toBe(true);
  const b = await deployApp(hostPage, { manifest: probeManifest('app-b', ['default']), files: PROBE_FILES });
  expect(b.ok, JSON.stringify(b)).toBe(true);
  const written = await fetchFrom(hostPage)(`/apps/app-b/?kv-label=default&kv-set=secret&value=${B_SECRET}`);
  expect(JSON.parse(written.body).probes.kv.ok.value).toBe(B_SECRET);
}

/** Frames A's document in the site's page, beside B's host frame, and returns A's frame. */
async function frameA(hostPage: Page): Promise<Frame> {
  const element = await hostPage.evaluateHandle(
    (src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
      return frame;
    },
    `${appOrigin('app-a')}/`,
  );
  const frame = (await element.contentFrame())!;
  await expect(frame.locator('h1')).toHaveText('App A');
  return frame;
}

/** B's apps and its secret, as the site's page sees them: what A must not have changed. */
async function bAsTheSiteSeesIt(hostPage: Page) {
  return withHost(
    hostPage,
    'app-b',
    async (host) => ({
      apps: (await host.apps()).map((app) => app.name),
      secret: await host.kv('app-b').getText('secret'),
    }),
    undefined,
  );
}

test('a page of the site deploys two apps through their frames and calls both, each at its own origin', async ({
  hostPage,
  hostFetch,
}) => {
  await deployAAndB(hostPage);
  const a = await hostFetch('/apps/app-a/');
  expect(a.status).toBe(200);
  expect(a.body).toContain('App A');
  const b = JSON.parse((await hostFetch('/apps/app-b/hello')).body);
  expect(b.pathWithQuery).toBe('/hello');
  expect(b.headers['spin-full-url']).toBe(`${appOrigin('app-b')}/hello`);
  // The host frames are at the apps' origins, not the site's.
  const frameOrigins = hostPage.frames().map((frame) => new URL(frame.url()).origin);
  expect(frameOrigins).toEqual(expect.arrayContaining([appOrigin('app-a'), appOrigin('app-b')]));
});

test("a document served by one app cannot read another app's or the site's storage, nor call another app", async ({
  hostPage,
}) => {
  await deployAAndB(hostPage);
  // The site keeps something of its own in IndexedDB (the playground will).
  await hostPage.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('site-secrets');
        request.onupgradeneeded = () => request.result.createObjectStore('notes');
        request.onsuccess = () => resolve(request.result.close());
        request.onerror = () => reject(request.error);
      }),
  );
  const a = await frameA(hostPage);
  const seen = await a.evaluate(
    async ({ bOrigin }) => {
      const names = (await indexedDB.databases()).map((db) => db.name ?? '');
      // Opening B's key-value database by its name only creates an empty one of A's own.
      const stolen = await new Promise<unknown>((resolve) => {
        const request = indexedDB.open('swerve-kv-v1:app-b:default');
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('entries')) return resolve(null);
          const read = db.transaction('entries').objectStore('entries').get('secret');
          read.onsuccess = () => resolve(read.result ?? null);
          read.onerror = () => resolve(null);
        };
        request.onerror = () => resolve(null);
      });
      const call = await fetch(`${bOrigin}/?kv-label=default&kv-get=secret`).then(
        async (response) => `answered ${response.status}: ${await response.text()}`,
        (error: Error) => `failed: ${error.name}`,
      );
      return { names, stolen, call };
    },
    { bOrigin: appOrigin('app-b') },
  );
  expect(seen.names).not.toContain('site-secrets');
  expect(seen.names.some((name) => name.includes('app-b'))).toBe(false);
  expect(seen.stolen).toBeNull();
  // The browser blocks the cross-origin read (no CORS); nothing of B's reached A.
  expect(seen.call).not.toContain(B_SECRET);
  expect(seen.call).toBe('failed: TypeError');
  expect(await bAsTheSiteSeesIt(hostPage)).toEqual({ apps: ['app-b'], secret: B_SECRET });
});

test("a document cannot pose as a host to the site, nor drive another app's host frame", async ({
  hostPage,
}) => {
  await deployAAndB(hostPage);
  // The site listens to B's events and is starting a connection to a host that will never answer.
  await withHost(
    hostPage,
    'app-b',
    async (host) => {
      const scope = globalThis as unknown as { seenEvents: string[] };
      scope.seenEvents = [];
      host.subscribe((event) =>
        scope.seenEvents.push(event.type === 'log' ? event.record.message : event.type),
      );
    },
    undefined,
  );
  const pending = (await clientHandle(hostPage)).evaluate((client) =>
    client.connectHost({ origin: 'http://127.0.0.1:9', timeoutMs: 4_000 }).then(
      () => 'connected',
      (error: Error) => error.message,
    ),
  );

  const a = await frameA(hostPage);
  // Forged in the current protocol version, so that only the origin checks can refuse them.
  const attempts = await a.evaluate(async (swerve) => {
    // Forged messages to the site: a host page's ready, an event, a reply.
    for (const forged of [
      { swerve, kind: 'ready', mode: 'service-worker', build: 'forged' },
      { swerve, kind: 'event', event: { type: 'log', record: { message: 'forged by A' } } },
      { swerve, kind: 'reply', ok: true, payload: { apps: [] } },
    ]) {
      parent.postMessage(forged, '*');
    }
    // A deploy request to every frame of the site's page: B's host frame is among them.
    const replies = await Promise.all(
      Array.from({ length: parent.frames.length }, (_, i) => {
        const channel = new MessageChannel();
        const replied = new Promise<string>((resolve) => {
          channel.port1.onmessage = (event) => resolve(`replied: ${JSON.stringify(event.data)}`);
          setTimeout(() => resolve('no reply'), 3_000);
        });
        const request = {
          swerve,
          kind: 'request',
          type: 'remove',
          payload: { name: 'app-b' },
        };
        parent.frames[i]!.postMessage(request, '*', [channel.port2]);
        return replied;
      }),
    );
    return { replies };
  }, HOST_PROTOCOL_VERSION);
  expect(attempts.replies.length).toBeGreaterThan(1);
  expect(attempts.replies.every((reply) => reply === 'no reply')).toBe(true);
  expect(await pending).toContain('did not start within 4 s');
  expect(
    await hostPage.evaluate(() => (globalThis as unknown as { seenEvents: string[] }).seenEvents),
  ).not.toContain('forged by A');
  expect(await bAsTheSiteSeesIt(hostPage)).toEqual({ apps: ['app-b'], secret: B_SECRET });
});

test("an app's host page may be framed only by the origins allowed to drive it", async ({ hostPage }) => {
  await deployAAndB(hostPage);
  const a = await frameA(hostPage);
  // A frames B's host page, naming the site as the parent: the browser refuses to load it there.
  await a.evaluate(
    (src) =>
      new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.onload = resolve;
        frame.src = src;
        document.body.append(frame);
      }),
    `${appOrigin('app-b')}/_swerve/host.html?parent=${encodeURIComponent(SITE_URL)}`,
  );
  const [nested] = a.childFrames();
  // Blocked by the host page's frame-ancestors: the frame holds the browser's error page.
  expect(nested?.url()).toMatch(/^chrome-error:/);
  expect(await bAsTheSiteSeesIt(hostPage)).toEqual({ apps: ['app-b'], secret: B_SECRET });
});

test("Swerve's own pages at an app's origin send the app no request of their own (no favicon)", async ({
  hostPage,
}) => {
  await deployAAndB(hostPage);
  // A tab on A's host page, as appTab opens one; A, routed at `/...`, would answer any path.
  const tab = await appTab(hostPage, 'app-a');
  // The tab's one request to A, sent after the page loaded (when a browser asks for its icon).
  expect(await tab.evaluate(() => fetch('/sent-by-the-test').then((response) => response.status))).toBe(200);
  const records = (await hostRequest(hostPage, 'app-a', 'metrics', {})).records;
  expect(records.map((record) => record.path)).toEqual(['/sent-by-the-test']);
});

test.describe('embedded in a page of another site', () => {
  const EMBEDDER_PORT = PORT + 1;
  let server: Server;

  test.beforeAll(async () => {
    // A second site, on the loopback address: a third-party context for the app's frame.
    server = createServer((request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(`<!doctype html><title>Someone's docs</title><h1>Docs</h1>
<script type="module">
  import { connectHost } from '${SITE_URL}/_swerve/client.js';
  window.embedded = connectHost({ origin: '${appOrigin('hello')}' });
</script>`);
    });
    await new Promise<void>((resolve) => server.listen(EMBEDDER_PORT, '127.0.0.1', resolve));
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('the app answers requests from a worker of its frame, and the page is told why its documents cannot load', async ({
    page,
  }) => {
    await page.goto(`http://127.0.0.1:${EMBEDDER_PORT}/`);
    const result = await page.evaluate(async () => {
      const host = await (
        globalThis as unknown as {
          embedded: Promise<{
            mode: string;
            documentsUnavailable?: string;
            fetch(path: string): Promise<Response>;
          }>;
        }
      ).embedded;
      const response = await host.fetch('/');
      return {
        mode: host.mode,
        documentsUnavailable: host.documentsUnavailable,
        status: response.status,
        body: await response.text(),
      };
    });
    expect(result.mode).toBe('worker');
    expect(result.status).toBe(200);
    expect(result.body).toBe('Hello from a WebAssembly component!\n');
    expect(result.documentsUnavailable).toContain('its own pages (HTML documents) cannot load here');
    expect(result.documentsUnavailable).toContain('Open the app in a tab of its own');
  });
});
