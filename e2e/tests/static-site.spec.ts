/**
 * The site as anyone can host it (docs/hosting.md): built with its origin set
 * (SWERVE_SITE_ORIGIN=http://site.localhost:<port>, apps at `<key>.site.localhost`), then served
 * from its files by a plain static server that knows only the `_headers` file the build wrote
 * (fixtures/static-site-server.ts), not Vite and not Swerve. The playground, a share link and an
 * embed work there, and an app's page still cannot drive an embed, though such a server cannot
 * refuse `/embed` to it (the embed page refuses itself).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { encodeSharedApp, type SharedApp } from '@swerve/playground/share-link';
import { PORT } from '../fixtures/app-hosts.ts';
import { runnerApp } from '../fixtures/runner-app.ts';
import { serveStaticSite } from '../fixtures/static-site-server.ts';
import { expect, test } from '../fixtures/swerve.ts';

/** The static server's port, and another site's (a page that embeds), beside the suite's two. */
const STATIC_PORT = PORT + 2;
const EMBEDDER_PORT = PORT + 3;
const SITE = `http://site.localhost:${STATIC_PORT}`;
const EMBEDDER = `http://127.0.0.1:${EMBEDDER_PORT}`;
const OUT_DIR = join(tmpdir(), `swerve-static-site-${STATIC_PORT}`);
const SITE_DIR = fileURLToPath(new URL('../../site/', import.meta.url));
/** The site's build and its docs (about 15 s here), then a first deploy of the 12 MiB runner. */
const BUILD_TIMEOUT = 180_000;
const DEPLOY_TIMEOUT = 45_000;
const LINK_HOST = new RegExp(`^h[0-9a-v]{52}\\.site\\.localhost$`);

const GREETER = runnerApp(
  'greeter',
  `addEventListener('fetch', (event) => {
  event.respondWith(new Response('Hello from ' + new URL(event.request.url).pathname + ' on a static host\\n'));
});
`,
  { open: 'src/index.js' },
);

/** A link's app that serves a document (any link can): the test's script runs in it. */
const PAGE_APP: SharedApp = {
  name: 'page',
  files: {
    'spin.toml': `spin_manifest_version = 2
[application]
name = "page"
[[trigger.http]]
route = "/..."
static_response = { headers = { content-type = "text/html" }, body = "<!doctype html><h1>A link's page</h1>" }
`,
  },
};

/** The build and the server configurations written beside it (176 MB, mostly components). */
function removeBuild(): void {
  for (const dir of [OUT_DIR, `${OUT_DIR}-hosting`]) rmSync(dir, { recursive: true, force: true });
}

let site: Server;
let embedder: Server;

test.beforeAll(async () => {
  test.setTimeout(BUILD_TIMEOUT);
  removeBuild();
  // A deployment's build: the example apps only, no embedders configured.
  const { SWERVE_WITH_FIXTURES: _fixtures, SWERVE_EMBEDDERS: _embedders, ...inherited } = process.env;
  const env = { ...inherited, SWERVE_SITE_ORIGIN: SITE };
  // What `npm run build` runs, into a folder of its own (the suite's server serves site/dist).
  execFileSync('npx', ['vite', 'build', '--configLoader', 'runner', '--outDir', OUT_DIR], {
    cwd: SITE_DIR,
    env,
    stdio: 'ignore',
  });
  execFileSync('npx', ['vitepress', 'build', 'docs', '--outDir', join(OUT_DIR, 'docs')], {
    cwd: SITE_DIR,
    env,
    stdio: 'ignore',
  });
  site = await serveStaticSite(OUT_DIR, STATIC_PORT);
  // Somebody's docs, on another site: a page the test adds an embed's frame to.
  embedder = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end("<!doctype html><title>Someone's docs</title><h1>Docs</h1>");
  });
  await new Promise<void>((resolve) => embedder.listen(EMBEDDER_PORT, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => site?.close(() => resolve()));
  await new Promise<void>((resolve) => embedder?.close(() => resolve()));
  removeBuild();
});

async function openFresh(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  return page;
}

test('the statically hosted playground runs a project, and its share link opens and runs in a fresh profile', async ({
  page,
  browser,
}) => {
  const playground = await page.goto(`${SITE}/playground/`);
  // The host read nothing but _headers: the page's CSP lets it frame apps under the set origin.
  expect(playground?.headers()['content-security-policy']).toContain(
    `frame-src 'self' http://*.site.localhost:${STATIC_PORT}`,
  );
  await page.getByTestId('source-js:hello').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
  await page.getByTestId('request-path').fill('/static');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /static!');
  // The project runs at an origin of its own under the site's name.
  const appHosts = page.frames().map((frame) => new URL(frame.url()).host);
  expect(appHosts).toContainEqual(
    expect.stringMatching(new RegExp(`^p[0-9a-v]{25}\\.site\\.localhost:${STATIC_PORT}$`)),
  );
  await page.screenshot({ path: test.info().outputPath('static-playground.png') });

  await page.getByTestId('share').click();
  const link = page.getByTestId('share-link');
  await expect(link).toHaveValue(new RegExp(`^${SITE}/view#v1\\.[A-Za-z0-9_-]+$`), { timeout: 15_000 });
  const viewer = await openFresh(browser, await link.inputValue());
  await expect(viewer.getByTestId('app-name')).toHaveText('hello-js');
  await expect(viewer.getByTestId('response-status')).toHaveText('200', { timeout: DEPLOY_TIMEOUT });
  await expect(viewer.getByTestId('response-body')).toContainText('Hello from JavaScript at /');
  const linkHosts = viewer.frames().map((frame) => new URL(frame.url()).hostname);
  expect(linkHosts).toContainEqual(expect.stringMatching(LINK_HOST));
  await viewer.screenshot({ path: test.info().outputPath('static-viewer.png') });
  await viewer.context().close();
});

test("an embed on another site's page runs a link's app from the statically hosted site", async ({
  page,
}) => {
  await page.goto(`${EMBEDDER}/`);
  const fragment = await encodeSharedApp(GREETER);
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.id = 'embed';
    frame.style.width = '600px';
    frame.style.height = '400px';
    document.body.append(frame);
  }, `${SITE}/embed?views=console&path=/hello#${fragment}`);
  const embed = page.frameLocator('#embed');
  await expect(embed.getByTestId('response-status')).toHaveText('200', { timeout: DEPLOY_TIMEOUT });
  await expect(embed.getByTestId('response-body')).toHaveText('Hello from /hello on a static host');
  await page.screenshot({ path: test.info().outputPath('static-embed.png') });
});

test("on a host that reads only _headers, a link's page that frames /embed still gets no embed", async ({
  page,
}) => {
  // The visitor opens a link whose app serves a document; its origin is now the visitor's.
  await page.goto(`${SITE}/view#${await encodeSharedApp(PAGE_APP)}`);
  await expect(page.frameLocator('[data-testid="preview"]').locator('h1')).toHaveText("A link's page", {
    timeout: DEPLOY_TIMEOUT,
  });
  const linkHost = page
    .frames()
    .map((frame) => new URL(frame.url()).host)
    .find((host) => LINK_HOST.test(host.replace(/:\d+$/, '')))!;
  const attacker = await page.context().newPage();
  await attacker.goto(`http://${linkHost}/`);
  await expect(attacker.locator('h1')).toHaveText("A link's page");

  // The link's page frames an embed of another link: the server cannot refuse (it reads no
  // Sec-Fetch-Site), so the embed page must refuse itself.
  const fragment = await encodeSharedApp(GREETER);
  const outcome = await attacker.evaluate(
    async ({ site, fragment }) => {
      const { createEmbed } = (await import(`${site}/swerve-embed.js`)) as {
        createEmbed(
          element: Element,
          options: object,
        ): { ready: Promise<unknown>; send(path: string): Promise<{ body: string }> };
      };
      const element = document.createElement('div');
      document.body.append(element);
      const embed = createEmbed(element, { app: fragment, views: ['logs'], site });
      return embed.ready.then(
        async () => `read: ${(await embed.send('/')).body}`,
        (error: Error) => `refused: ${error.message}`,
      );
    },
    { site: SITE, fragment },
  );
  expect(outcome).toContain(`refused: This embed will not start inside a page of http://${linkHost}`);
});
