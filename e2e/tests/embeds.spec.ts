/**
 * Embeds (docs/embeds.md, docs/decisions/0015): `<iframe src="<site>/embed?…#v1.…">` runs a
 * shared app inside a page of any site, and that page's script drives it with the embed API
 * (`<site>/swerve-embed.js`). The embedding pages here are served by a second local server, at
 * other origins than the site's: there the embed is a third-party frame, with no service worker.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Frame, FrameLocator, Page } from '@playwright/test';
import { encodeSharedApp, type SharedApp } from '@swerve/playground/share-link';
import { PORT, SITE_URL } from '../fixtures/app-hosts.ts';
import { runnerApp } from '../fixtures/runner-app.ts';
import { expect, test } from '../fixtures/swerve.ts';

/** A configured embedder (SWERVE_EMBEDDERS in playwright.config.ts) and a site that is not one. */
const EMBEDDER = `http://127.0.0.1:${PORT + 1}`;
const STRANGER = `http://127.0.0.2:${PORT + 1}`;

const GREETER = runnerApp(
  'greeter',
  `addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  console.log('greeting ' + url.pathname);
  event.respondWith(new Response('Hello from ' + url.pathname + '\\n'));
});
`,
  { open: 'src/index.js' },
);

/** Counts its visits and keeps a note (`?note=x` writes it), both in its default store. */
function notebook(name: string): SharedApp {
  return runnerApp(
    name,
    `import { openDefault } from '@spinframework/spin-kv';
addEventListener('fetch', (event) => {
  const store = openDefault();
  const url = new URL(event.request.url);
  const read = (key) => new TextDecoder().decode(store.get(key) ?? new Uint8Array());
  const visits = Number(read('visits') || '0') + 1;
  store.set('visits', String(visits));
  const note = url.searchParams.get('note');
  if (note) store.set('note', note);
  event.respondWith(new Response('${name}: visit ' + visits + ', note ' + (read('note') || 'none')));
});
`,
    { open: 'src/index.js' },
  );
}

const HTML_APP: SharedApp = {
  name: 'page',
  files: {
    'spin.toml': `spin_manifest_version = 2
[application]
name = "page"
[[trigger.http]]
route = "/..."
static_response = { headers = { content-type = "text/html" }, body = "<!doctype html><h1>A page from a link</h1>" }
`,
  },
};

function embedPath(fragment: string, query: string): string {
  return `/embed${query ? `?${query}` : ''}#${fragment}`;
}

/** Where a docs site that bundles `swerve/embed` (the package's module) serves it: from itself. */
const BUNDLED_EMBED_PATH = '/assets/swerve-embed-bundled.js';

let server: Server;
let stranger: Server;

test.beforeAll(async () => {
  // Somebody's docs: a page that loads the embed API from the site, and frames what a test asks.
  // It also serves its own copy of the package's `swerve/embed`, as a docs site's bundle would.
  const bundledEmbed = readFileSync(createRequire(import.meta.url).resolve('swerve/embed'));
  const handler = (
    request: import('node:http').IncomingMessage,
    response: import('node:http').ServerResponse,
  ) => {
    if (request.url === BUNDLED_EMBED_PATH) {
      response.setHeader('content-type', 'text/javascript');
      response.end(bundledEmbed);
      return;
    }
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><title>Someone's docs</title><h1>Docs</h1>
<script type="module">
  import { createEmbed } from '${SITE_URL}/swerve-embed.js';
  window.createEmbed = createEmbed;
  window.apiLoaded = true;
</script>`);
  };
  server = createServer(handler);
  stranger = createServer(handler);
  await new Promise<void>((resolve) => server.listen(PORT + 1, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => stranger.listen(PORT + 1, '127.0.0.2', resolve));
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => stranger.close(() => resolve()));
});

/** Opens the embedding page at `origin` and frames `src` (a path of the site) in an iframe tag. */
async function frameOnPage(page: Page, origin: string, src: string): Promise<FrameLocator> {
  await page.goto(`${origin}/`);
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.id = 'embed';
    frame.style.width = '600px';
    frame.style.height = '400px';
    frame.style.border = '0';
    document.body.append(frame);
  }, `${SITE_URL}${src}`);
  return page.frameLocator('#embed');
}

type EmbedApi = {
  createEmbed(
    element: Element,
    options: Record<string, unknown>,
  ): {
    ready: Promise<{ mode: string; origin: string; documentsUnavailable?: string }>;
    send(request: unknown): Promise<{ status: number; headers: Record<string, string>; body: string }>;
    setFile(path: string, text: string): Promise<void>;
    on(type: string, listener: (detail: unknown) => void): () => void;
  };
};

test('an iframe of /embed on a page of a site not among the configured embedders runs the app and answers its console', async ({
  page,
}) => {
  const fragment = await encodeSharedApp(GREETER);
  const embed = await frameOnPage(
    page,
    STRANGER,
    embedPath(fragment, 'views=console,code,logs&theme=dark&path=/hello'),
  );
  // The first request is sent once the app runs.
  await expect(embed.getByTestId('response-status')).toHaveText('200', { timeout: 30_000 });
  await expect(embed.getByTestId('response-body')).toHaveText('Hello from /hello');
  await page.screenshot({ path: test.info().outputPath('embed-console-dark.png') });

  await embed.getByTestId('request-path').fill('/again');
  await embed.getByTestId('send').click();
  await expect(embed.getByTestId('response-body')).toHaveText('Hello from /again');

  await embed.getByTestId('view-logs').click();
  await expect(embed.getByTestId('log-line').filter({ hasText: 'greeting /again' })).toBeVisible();

  await embed.getByTestId('view-code').click();
  await expect(embed.getByTestId('editor')).toContainText("console.log('greeting '");
  await expect(embed.getByText('read-only')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('embed-code-dark.png') });
});

test("on another site's page the embed runs the app in its host page's worker, and its HTML preview links to a full page", async ({
  page,
}) => {
  const fragment = await encodeSharedApp(HTML_APP);
  const embed = await frameOnPage(
    page,
    EMBEDDER,
    embedPath(fragment, 'views=preview,console,code&theme=light'),
  );
  const notice = embed.getByTestId('preview-unavailable');
  await expect(notice).toContainText('no service worker');
  const link = notice.getByRole('link', { name: /full page/ });
  const href = (await link.getAttribute('href'))!;
  expect(new URL(href, SITE_URL).pathname).toBe('/view');
  expect(new URL(href, SITE_URL).hash.startsWith('#v1.')).toBe(true);
  await page.screenshot({ path: test.info().outputPath('embed-preview-unavailable-light.png') });
  // Its requests still work there.
  await embed.getByTestId('view-console').click();
  await expect(embed.getByTestId('response-body')).toContainText('A page from a link');
  await embed.getByTestId('view-code').click();
  await expect(embed.getByTestId('editor')).toContainText('static_response');
  await page.screenshot({ path: test.info().outputPath('embed-code-light.png') });
});

test("the site's own page shows an embed's HTML preview, served by the app's service worker", async ({
  page,
}) => {
  const fragment = await encodeSharedApp(HTML_APP);
  await page.setViewportSize({ width: 600, height: 400 });
  await page.goto(embedPath(fragment, 'views=preview,logs&theme=light'));
  await expect(page.frameLocator('[data-testid="preview"]').locator('h1')).toHaveText('A page from a link');
  await page.screenshot({ path: test.info().outputPath('embed-preview-light.png') });
});

test('an editable embed runs what the reader types at the next Send; a read-only one takes no typing', async ({
  page,
}) => {
  const fragment = await encodeSharedApp(GREETER);
  const editable = await frameOnPage(
    page,
    EMBEDDER,
    embedPath(fragment, 'views=code&editable=1&path=/typed'),
  );
  await expect(editable.getByTestId('response-body')).toHaveText('Hello from /typed');
  await expect(editable.getByText('editable', { exact: true })).toBeVisible();
  await editable.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(
    "addEventListener('fetch', (e) => e.respondWith(new Response('typed by the reader')));",
  );
  // Sent before the pause that deploys an edit: the request deploys it first.
  await editable.getByTestId('send').click();
  await expect(editable.getByTestId('response-body')).toHaveText('typed by the reader');

  const readOnly = await frameOnPage(page, EMBEDDER, embedPath(fragment, 'views=code&path=/still'));
  await expect(readOnly.getByTestId('response-body')).toHaveText('Hello from /still');
  await readOnly.locator('.cm-content').click();
  await page.keyboard.type('broken(');
  await expect(readOnly.getByTestId('editor')).not.toContainText('broken(');
  await readOnly.getByTestId('request-path').fill('/unchanged');
  await readOnly.getByTestId('send').click();
  await expect(readOnly.getByTestId('response-body')).toHaveText('Hello from /unchanged');
});

test('the embed API: send resolves with the answer, setFile changes the next one, console.log is a log event', async ({
  page,
}) => {
  await page.goto(`${EMBEDDER}/`);
  await page.waitForFunction(() => (window as unknown as { apiLoaded?: boolean }).apiLoaded);
  const fragment = await encodeSharedApp(GREETER);
  const result = await page.evaluate(async (fragment) => {
    const { createEmbed } = window as unknown as EmbedApi;
    const element = document.createElement('div');
    document.body.append(element);
    const embed = createEmbed(element, { app: fragment, views: ['console'], editable: true });
    const logs: string[] = [];
    const responses: number[] = [];
    embed.on('log', (log) => logs.push((log as { message: string }).message));
    embed.on('response', (detail) =>
      responses.push((detail as { response: { status: number } }).response.status),
    );
    const info = await embed.ready;
    const first = await embed.send({ method: 'GET', path: '/api' });
    await embed.setFile(
      'src/index.js',
      "addEventListener('fetch', (e) => e.respondWith(new Response('changed', { status: 201, headers: { 'x-edited': 'yes' } })));",
    );
    const second = await embed.send('/api');
    // Log events arrive as the app writes them, on their own port: wait a moment for the line.
    for (let i = 0; i < 50 && !logs.some((line) => line.includes('greeting /api')); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const wrong = await embed.send({ path: 'no-slash' }).then(
      () => 'sent',
      (error: Error) => error.message,
    );
    return { info, first, second, logs, responses, wrong };
  }, fragment);
  expect(result.info.mode).toBe('worker');
  expect(result.info.documentsUnavailable).toContain('cannot load here');
  expect(result.first.status).toBe(200);
  expect(result.first.body).toBe('Hello from /api\n');
  expect(result.second).toMatchObject({ status: 201, body: 'changed' });
  expect(result.second.headers['x-edited']).toBe('yes');
  expect(result.logs.some((line) => line.includes('greeting /api'))).toBe(true);
  expect(result.responses).toEqual(expect.arrayContaining([200, 201]));
  expect(result.wrong).toContain('a path starts with "/"');
});

test("the package's swerve/embed, served by the docs site itself, embeds an app from the Swerve site it names", async ({
  page,
}) => {
  await page.goto(`${EMBEDDER}/`);
  const fragment = await encodeSharedApp(GREETER);
  const result = await page.evaluate(
    async ({ fragment, path, site }) => {
      const { createEmbed } = (await import(path)) as EmbedApi;
      const element = document.createElement('div');
      document.body.append(element);
      const unsited = (() => {
        try {
          createEmbed(element, { app: fragment });
          return 'created';
        } catch (error) {
          return (error as Error).message;
        }
      })();
      const embed = createEmbed(element, { app: fragment, views: ['console'], site });
      const info = await embed.ready;
      const answer = await embed.send('/bundled');
      return { unsited, info, answer, frames: element.querySelectorAll('iframe').length };
    },
    { fragment, path: BUNDLED_EMBED_PATH, site: SITE_URL },
  );
  // Bundled, the module cannot take the site from its own URL: it asks, and frames nothing.
  expect(result.unsited).toContain('options.site is missing');
  expect(result.frames).toBe(1);
  expect(result.info.mode).toBe('worker');
  expect(result.answer).toMatchObject({ status: 200, body: 'Hello from /bundled\n' });
});

test("a read-only embed refuses setFile, and a link that cannot be read says why, in the frame and to the page's script", async ({
  page,
}) => {
  await page.goto(`${EMBEDDER}/`);
  await page.waitForFunction(() => (window as unknown as { apiLoaded?: boolean }).apiLoaded);
  const fragment = await encodeSharedApp(GREETER);
  const result = await page.evaluate(
    async ({ fragment, cut }) => {
      const { createEmbed } = window as unknown as EmbedApi;
      const make = (app: string, editable = false) => {
        const element = document.createElement('div');
        document.body.append(element);
        return createEmbed(element, { app, editable });
      };
      const readOnly = make(fragment);
      await readOnly.ready;
      const refused = await readOnly.setFile('src/index.js', 'x').then(
        () => 'set',
        (error: Error) => error.message,
      );
      const stillServing = (await readOnly.send('/x')).body;
      const broken = make(cut);
      const errors: string[] = [];
      broken.on('error', (detail) => errors.push((detail as { message: string }).message));
      const rejected = await broken.ready.then(
        () => 'ready',
        (error: Error) => error.message,
      );
      return { refused, stillServing, rejected, errors };
    },
    { fragment, cut: fragment.slice(0, -9) },
  );
  expect(result.refused).toContain('read-only');
  expect(result.stillServing).toBe('Hello from /x\n');
  expect(result.rejected).toContain('cut short');
  expect(result.errors.join(' ')).toContain('cut short');
  await expect(page.frameLocator('iframe >> nth=1').getByTestId('embed-error')).toContainText('cut short');

  const bad = await frameOnPage(page, EMBEDDER, embedPath(fragment, 'views=consol'));
  await expect(bad.getByTestId('embed-error')).toContainText('views= takes console, preview, code, logs');
});

test('two embeds on one page run independently: other apps, other answers, other key-value data', async ({
  page,
}) => {
  await page.goto(`${EMBEDDER}/`);
  await page.waitForFunction(() => (window as unknown as { apiLoaded?: boolean }).apiLoaded);
  const [alpha, beta] = await Promise.all([
    encodeSharedApp(notebook('alpha')),
    encodeSharedApp(notebook('beta')),
  ]);
  const result = await page.evaluate(
    async ({ alpha, beta }) => {
      const { createEmbed } = window as unknown as EmbedApi;
      const make = (app: string) => {
        const element = document.createElement('div');
        document.body.append(element);
        // No console: no first request, so the counts below are the test's requests alone.
        return createEmbed(element, { app, views: ['logs'] });
      };
      const a = make(alpha);
      const b = make(beta);
      const [infoA, infoB] = await Promise.all([a.ready, b.ready]);
      const body = async (embed: ReturnType<typeof make>, path: string) => (await embed.send(path)).body;
      await body(a, '/?note=only-alpha-knows');
      const third = await body(a, '/');
      const fromB = await body(b, '/');
      return { origins: [infoA.origin, infoB.origin], third, fromB };
    },
    { alpha, beta },
  );
  expect(result.origins[0]).not.toBe(result.origins[1]);
  expect(result.third).toBe('alpha: visit 2, note only-alpha-knows');
  expect(result.fromB).toBe('beta: visit 1, note none');
});

test('two editable embeds of the same link each run a copy of their own', async ({ page }) => {
  await page.goto(`${EMBEDDER}/`);
  await page.waitForFunction(() => (window as unknown as { apiLoaded?: boolean }).apiLoaded);
  const fragment = await encodeSharedApp(notebook('shared'));
  const result = await page.evaluate(async (fragment) => {
    const { createEmbed } = window as unknown as EmbedApi;
    const make = () => {
      const element = document.createElement('div');
      document.body.append(element);
      return createEmbed(element, { app: fragment, views: ['logs'], editable: true });
    };
    const a = make();
    const b = make();
    const [infoA, infoB] = await Promise.all([a.ready, b.ready]);
    await a.send('/?note=from-a');
    await a.setFile(
      'src/index.js',
      "addEventListener('fetch', (e) => e.respondWith(new Response('a was edited')));",
    );
    return {
      origins: [infoA.origin, infoB.origin],
      a: (await a.send('/')).body,
      b: (await b.send('/')).body,
    };
  }, fragment);
  expect(result.origins[0]).not.toBe(result.origins[1]);
  expect(result.a).toBe('a was edited');
  expect(result.b).toBe('shared: visit 1, note none');
});

test('another site may frame the embed page, but no other page of the site', async ({ page }) => {
  const fragment = await encodeSharedApp(GREETER);
  await page.goto(`${EMBEDDER}/`);
  const frames = await page.evaluate(
    (sources) =>
      Promise.all(
        sources.map(
          (src) =>
            new Promise<void>((resolve) => {
              const frame = document.createElement('iframe');
              frame.onload = () => resolve();
              frame.src = src;
              document.body.append(frame);
            }),
        ),
      ),
    [`${SITE_URL}/playground/`, `${SITE_URL}/`, `${SITE_URL}${embedPath(fragment, 'views=console')}`],
  );
  void frames;
  const urls = page
    .frames()
    .slice(1)
    .map((frame: Frame) => frame.url());
  // Blocked by frame-ancestors 'self': those frames hold the browser's error page.
  expect(urls.filter((url) => url.startsWith('chrome-error:'))).toHaveLength(2);
  expect(urls.some((url) => url.startsWith(`${SITE_URL}/embed`))).toBe(true);
});
