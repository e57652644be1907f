/**
 * What one app's page cannot make another app, or the visitor's own copy of a link, do
 * (docs/decisions/0007, 0015): each test is the attack as its author would write it, run from a
 * page at an app's origin (anything a link's or a project's document may do), against real
 * built components, the real service workers and real origins.
 */
import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import { encodeSharedApp, type SharedApp } from '@swerve/playground/share-link';
import { appOrigin, PORT, SITE_URL, withHost } from '../fixtures/app-hosts.ts';
import { deployApp, PROBE_FILES, probeManifest, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, fetchFrom, test } from '../fixtures/swerve.ts';

/** Another site, which the attacker controls: it redirects wherever it is asked to. */
const REDIRECTOR = `http://127.0.0.2:${PORT + 2}`;
/** An outbound target an app may call, which redirects to one it may not. */
const ALLOWED_PORT = PORT + 20;
const NOT_ALLOWED_PORT = PORT + 21;

const ATTACKER = 'attacker';
const VICTIM = 'victim';

/** The attacker's app: a document, as any link or project can serve; its script is the test's. */
const ATTACKER_MANIFEST = `spin_manifest_version = 2
[application]
name = "${ATTACKER}"
[[trigger.http]]
route = "/..."
static_response = { headers = { content-type = "text/html" }, body = "<!doctype html><h1>Nothing to see</h1>" }
`;

/** A link's app that keeps a note in its store (`?note=x` writes it) and says it back. */
const NOTEBOOK: SharedApp = {
  name: 'notebook',
  files: {
    'spin.toml': `spin_manifest_version = 2
[application]
name = "notebook"
[[trigger.http]]
route = "/..."
component = "handler"
[component.handler]
source = "runner.wasm"
files = [{ source = "src", destination = "/" }]
key_value_stores = ["default"]
`,
    'src/index.js': `import { openDefault } from '@spinframework/spin-kv';
addEventListener('fetch', (event) => {
  const store = openDefault();
  const note = new URL(event.request.url).searchParams.get('note');
  if (note) store.set('note', note);
  const kept = store.get('note');
  event.respondWith(new Response('note: ' + (kept ? new TextDecoder().decode(kept) : 'none')));
});
`,
    'runner.wasm': { component: 'runner' },
  },
  open: 'src/index.js',
};

const servers: Server[] = [];
const outboundHits: string[] = [];

function listen(server: Server, port: number, host: string): Promise<void> {
  servers.push(server);
  return new Promise((resolve) => server.listen(port, host, resolve));
}

test.beforeAll(async () => {
  await listen(
    createServer((request, response) => {
      const to = new URL(request.url ?? '/', REDIRECTOR).searchParams.get('to') ?? '/';
      response.writeHead(302, { location: to }).end();
    }),
    PORT + 2,
    '127.0.0.2',
  );
  // CORS allows every origin at both ends: only Swerve's own rule can stop the second hop.
  const cors = { 'access-control-allow-origin': '*' };
  await listen(
    createServer((request, response) => {
      response.writeHead(302, { ...cors, location: `http://127.0.0.1:${NOT_ALLOWED_PORT}/internal` }).end();
    }),
    ALLOWED_PORT,
    '127.0.0.1',
  );
  await listen(
    createServer((request, response) => {
      outboundHits.push(request.url ?? '');
      response.writeHead(200, { ...cors, 'content-type': 'text/plain' }).end('internal data');
    }),
    NOT_ALLOWED_PORT,
    '127.0.0.1',
  );
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A tab at the attacker's app, as a visitor gets it by opening its link. */
async function attackerTab(hostPage: Page): Promise<Page> {
  const deployed = await deployApp(hostPage, { manifest: ATTACKER_MANIFEST });
  expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
  const tab = await hostPage.context().newPage();
  await tab.goto(`${appOrigin(ATTACKER)}/`);
  await expect(tab.locator('h1')).toHaveText('Nothing to see');
  return tab;
}

/** The victim app's log lines, as the site's page reads them. */
function victimLogs(hostPage: Page): Promise<string[]> {
  return withHost(hostPage, VICTIM, async (host) => (await host.logs()).map((log) => log.message), undefined);
}

/** A key of the victim's default store, as the site's page reads it (undefined: never written). */
function victimValue(hostPage: Page, key: string): Promise<string | undefined> {
  return withHost(hostPage, VICTIM, (host, { app, key }) => host.kv(app).getText(key), { app: VICTIM, key });
}

test("a link's document cannot drive an embed of another link on the visitor's own storage", async ({
  hostPage,
}) => {
  const fragment = await encodeSharedApp(NOTEBOOK);
  // The visitor's own copy of the notebook link, opened on the site, where it keeps a note.
  const visitor = await hostPage.context().newPage();
  await visitor.goto(`/embed?views=console&path=${encodeURIComponent('/?note=my-secret')}#${fragment}`);
  await expect(visitor.getByTestId('response-body')).toHaveText('note: my-secret', { timeout: 30_000 });
  const linkHost = visitor
    .frames()
    .map((frame) => new URL(frame.url()).hostname)
    .find((host) => host.startsWith('h'));

  const attacker = await attackerTab(hostPage);
  const stolen = await attacker.evaluate(
    async ({ site, fragment, redirector }) => {
      const { createEmbed } = (await import(`${site}/swerve-embed.js`)) as {
        createEmbed(
          element: Element,
          options: object,
        ): {
          frame: HTMLIFrameElement;
          ready: Promise<unknown>;
          send(path: string): Promise<{ body: string }>;
        };
      };
      const attempt = async (through?: (src: string) => string) => {
        const element = document.createElement('div');
        document.body.append(element);
        const embed = createEmbed(element, { app: fragment, views: ['logs'], site });
        // The second way in: through another site's redirect, so the server's Sec-Fetch-Site
        // says cross-site although the frame sits in this (same-site) page.
        if (through) embed.frame.src = through(embed.frame.src);
        const read = embed.ready.then(
          async () => `read: ${(await embed.send('/')).body}`,
          (error: Error) => `refused: ${error.message}`,
        );
        // A frame that never answers (refused by the server) is as good as a refusal.
        const silence = new Promise<string>((resolve) => setTimeout(() => resolve('no answer'), 10_000));
        return Promise.race([read, silence]);
      };
      return {
        direct: await attempt(),
        redirected: await attempt((src) => `${redirector}/?to=${encodeURIComponent(src)}`),
      };
    },
    { site: SITE_URL, fragment, redirector: REDIRECTOR },
  );
  expect(stolen.direct).not.toContain('my-secret');
  expect(stolen.redirected).not.toContain('my-secret');
  expect(stolen.direct).toBe('no answer');
  expect(stolen.redirected).toContain(
    `refused: This embed will not start inside a page of ${appOrigin(ATTACKER)}`,
  );
  // The frame the server refused says why.
  await expect(attacker.frameLocator('iframe >> nth=0').locator('body')).toContainText(
    "will not start inside a page of this site's own domain",
  );
  await attacker.screenshot({ path: test.info().outputPath('embed-refused-in-app-page.png') });
  // The link's origin is its content key: the whole SHA-256, one DNS label.
  expect(linkHost).toMatch(/^h[0-9a-v]{52}\.swerve\.localhost$/);
});

test("a page that opens /embed in a tab cannot make the visitor's copy of a link act: a link's POST waits for Send", async ({
  page,
}) => {
  const fragment = await encodeSharedApp(NOTEBOOK);
  // What any page can do with window.open or a link: the embed, top-level, on the visitor's storage.
  const forged = encodeURIComponent('/?note=forged');
  await page.goto(`/embed?views=console&method=POST&path=${forged}#${fragment}`);
  await expect(page.getByTestId('response-notice')).toContainText('press Send to send it');
  await expect(page.getByTestId('response-body')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('embed-tab-post-waits.png') });
  // The reader looks at the app instead: the POST never ran.
  await page.getByTestId('request-method').selectOption('GET');
  await page.getByTestId('request-path').fill('/');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('response-body')).toHaveText('note: none');
});

test("one app's page can neither post a form to another app nor frame it, and the refused app's log says how to allow it", async ({
  hostPage,
}) => {
  await serveTestFiles(hostPage);
  const deployed = await deployApp(hostPage, {
    manifest: probeManifest(VICTIM, ['default']),
    files: PROBE_FILES,
  });
  expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
  const attacker = await attackerTab(hostPage);
  const victim = appOrigin(VICTIM);

  await attacker.evaluate(async (victim) => {
    const frameLoaded = (frame: HTMLIFrameElement) => new Promise((resolve) => (frame.onload = resolve));
    // A form that makes the victim write, posted into a hidden frame.
    const target = document.createElement('iframe');
    target.name = 'sink';
    document.body.append(target);
    const form = document.createElement('form');
    form.method = 'POST';
    form.target = 'sink';
    form.action = `${victim}/?kv-label=default&kv-set=posted&value=forged`;
    document.body.append(form);
    const posted = frameLoaded(target);
    form.submit();
    await posted;
    // The victim's page in a frame of the attacker's page (to click in it for the visitor).
    const framed = document.createElement('iframe');
    framed.src = `${victim}/?kv-label=default&kv-set=framed&value=forged`;
    const shown = frameLoaded(framed);
    document.body.append(framed);
    await shown;
    // The same, with the referrer hidden: the worker cannot tell who framed it, the browser can.
    const hidden = document.createElement('iframe');
    hidden.referrerPolicy = 'no-referrer';
    hidden.src = `${victim}/?shown=hidden`;
    const hiddenShown = frameLoaded(hidden);
    document.body.append(hidden);
    await hiddenShown;
  }, victim);

  // The victim's guest never ran for either: nothing written (what the site's page writes is there).
  expect(await victimValue(hostPage, 'posted')).toBeUndefined();
  expect(await victimValue(hostPage, 'framed')).toBeUndefined();
  await fetchFrom(hostPage)(`/apps/${VICTIM}/?kv-label=default&kv-set=own&value=written`);
  expect(await victimValue(hostPage, 'own')).toBe('written');
  const logs = await victimLogs(hostPage);
  expect(logs).toContainEqual(
    expect.stringMatching(
      /^Refused POST \/\?kv-label=default&kv-set=posted&value=forged from a page of http:\/\/attacker\.swerve\.localhost:\d+ \(403\).*forms_from under \[application\.tool\.swerve\]/,
    ),
  );
  expect(logs).toContainEqual(
    expect.stringMatching(
      /^Refused \/\?kv-label=default&kv-set=framed&value=forged in a frame of http:\/\/attacker\.swerve\.localhost:\d+ \(403\).*frame_ancestors under \[application\.tool\.swerve\]/,
    ),
  );
  // What the attacker's page holds: two refusals, and an error page where frame-ancestors blocked it.
  const frame = async (index: number) =>
    (await attacker.locator('iframe').nth(index).elementHandle())!.contentFrame();
  expect(await (await frame(0))!.locator('body').textContent()).toContain('Refused POST');
  expect(await (await frame(1))!.locator('body').textContent()).toContain('Refused /?kv-label');
  expect((await frame(2))!.url()).toMatch(/^chrome-error:/);
});

test('a guest sees Origin, Referer and Sec-Fetch-* as a server behind a browser would, and its documents get their own agent cluster', async ({
  hostPage,
}) => {
  await serveTestFiles(hostPage);
  const deployed = await deployApp(hostPage, {
    manifest: probeManifest(VICTIM, ['default']),
    files: PROBE_FILES,
  });
  expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
  const victim = appOrigin(VICTIM);
  // The site frames the app's page (as the playground and the viewer do).
  const answer = hostPage.waitForResponse((response) => response.url() === `${victim}/framed`);
  const frame = await (
    await hostPage.evaluateHandle((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
      return frame;
    }, `${victim}/framed`)
  ).contentFrame();
  const served = await answer;
  expect(served.headers()['origin-agent-cluster']).toBe('?1');
  expect(served.headers()['content-security-policy']).toContain(`frame-ancestors 'self' ${SITE_URL}`);
  const navigation = JSON.parse((await frame!.locator('body').textContent()) ?? '{}').headers;
  expect(navigation).toMatchObject({
    'sec-fetch-site': 'same-site',
    'sec-fetch-mode': 'navigate',
    'sec-fetch-dest': 'iframe',
    referer: `${SITE_URL}/`,
  });
  expect(navigation.origin).toBeUndefined();
  // The page's own request to its app.
  const own = await frame!.evaluate(
    async () => (await (await fetch('/own', { method: 'POST', body: 'x' })).json()).headers,
  );
  expect(own).toMatchObject({
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'cors',
    'sec-fetch-dest': 'empty',
    origin: victim,
    referer: `${victim}/framed`,
  });
  // The server's own answers at the app's origin ask for the agent cluster too.
  const hostPageAnswer = await hostPage
    .context()
    .request.fetch(`http://127.0.0.1:${PORT}/_swerve/host.html`, {
      headers: { host: `${VICTIM}.swerve.localhost:${PORT}` },
    });
  expect(hostPageAnswer.headers()['origin-agent-cluster']).toBe('?1');
});

test('an outbound request is not followed to a host the app may not reach when an allowed host redirects there', async ({
  hostPage,
  hostFetch,
}) => {
  await serveTestFiles(hostPage);
  const deployed = await deployApp(hostPage, {
    manifest: `spin_manifest_version = 2
[application]
name = "${VICTIM}"
[[trigger.http]]
route = "/..."
component = "raw"
[component.raw]
source = "raw.wasm"
allowed_outbound_hosts = ["http://127.0.0.1:${ALLOWED_PORT}"]
`,
    files: { 'raw.wasm': { built: 'fixtures/outbound/dist/raw.wasm' } },
  });
  expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
  outboundHits.length = 0;
  const answer = await hostFetch(
    `/apps/${VICTIM}/?${new URLSearchParams({ url: `http://127.0.0.1:${ALLOWED_PORT}/go` })}`,
  );
  expect(JSON.parse(answer.body)).toEqual({
    errorCode: 'internal-error',
    detail: `redirect from http://127.0.0.1:${ALLOWED_PORT} not followed`,
  });
  expect(outboundHits).toEqual([]);
  expect(await victimLogs(hostPage)).toContainEqual(
    expect.stringContaining(`answered /go with a redirect, which Swerve does not follow`),
  );
});
