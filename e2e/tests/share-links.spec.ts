/**
 * Share links, end to end: a link made in the playground opens the same running app in a
 * fresh browser profile; the v1 link committed when v1 was new still opens; a link cut short
 * says so and runs nothing; a shared app's page cannot reach the site's storage, another app's
 * data or the top page; "Open in playground" copies the app into the playground.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { SITE_URL } from '../fixtures/app-hosts.ts';
import { HOST_PROTOCOL_VERSION } from 'swerve/protocol';
import { withHost } from '../fixtures/app-hosts.ts';
import { deployApp, PROBE_FILES, probeManifest, serveTestFiles } from '../fixtures/deploy.ts';
import { runnerApp } from '../fixtures/runner-app.ts';
import { expect, test } from '../fixtures/swerve.ts';
import { encodeSharedApp } from '@swerve/playground/share-link';
import { V1_LINK_FIXTURE } from '@swerve/playground/share-link-fixture';
import { toZip } from '@swerve/playground/spin-zip';

const RUNNER_WASM = new URL('../../components/runner/dist/runner.wasm', import.meta.url);
const HELLO_WASM = fileURLToPath(new URL('../../components/examples/hello/dist/hello.wasm', import.meta.url));

const PLAYGROUND = `${SITE_URL}/playground/`;
/** A first deploy transpiles the 12 MiB runner in the worker. */
const DEPLOY_TIMEOUT = 45_000;

/** Opens `url` in a fresh browser profile (a new context: no storage, no service worker). */
async function openFresh(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test('a link made in the playground opens the same running app in a fresh profile', async ({
  page,
  browser,
}) => {
  await page.goto(PLAYGROUND);
  await page.getByTestId('source-js:hello').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
  const editor = page.getByTestId('editor').locator('.cm-content');
  await expect(editor).toContainText('Hello from JavaScript');
  // Edit the handler's text, then share.
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(
    "addEventListener('fetch', (event) => event.respondWith(new Response('Edited before sharing\\n')));\n",
  );
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
  await page.getByTestId('share').click();
  const link = page.getByTestId('share-link');
  await expect(link).toHaveValue(new RegExp(`^${SITE_URL}/view#v1\\.[A-Za-z0-9_-]+$`), { timeout: 15_000 });
  const url = await link.inputValue();
  await expect(page.getByTestId('share-link-length')).toHaveText(
    `${url.length.toLocaleString('en')} characters`,
  );
  await expect(page.getByTestId('share-link-long')).toHaveCount(0);

  const viewer = await openFresh(browser, url);
  await expect(viewer.getByTestId('app-name')).toHaveText('hello-js');
  await expect(viewer.getByTestId('untrusted-notice')).toContainText('The code comes from the link');
  await expect(viewer.getByTestId('response-status')).toHaveText('200', { timeout: DEPLOY_TIMEOUT });
  await expect(viewer.getByTestId('response-body')).toHaveText('Edited before sharing');
  await expect(viewer.getByTestId('routes')).toContainText('/...');
  await viewer.context().close();
});

test('the v1 link committed when v1 was new still opens and answers', async ({ browser }) => {
  const viewer = await openFresh(browser, `${SITE_URL}/view#${V1_LINK_FIXTURE.fragment}`);
  await expect(viewer.getByTestId('app-name')).toHaveText('shared-hello');
  await expect(viewer.getByTestId('response-body')).toHaveText('Hi from a link made in v1 (visit 42)', {
    timeout: DEPLOY_TIMEOUT,
  });
  await expect(viewer.getByTestId('link-error')).toHaveCount(0);
  // Its source is there to read, as the link carries it.
  await viewer.getByTestId('view-source').click();
  await expect(viewer.getByTestId('source-text')).toContainText('from a link made in v1');
  await viewer.context().close();
});

test('a link cut short says so, and nothing runs', async ({ page }) => {
  const cut = V1_LINK_FIXTURE.fragment.slice(0, -25);
  await page.goto(`${SITE_URL}/view#${cut}`);
  await expect(page.getByTestId('link-error')).toContainText('This link was cut short');
  await expect(page.getByTestId('preview')).toHaveCount(0);
  await expect(page.getByTestId('response-body')).toHaveCount(0);
  // No app origin was even framed.
  expect(
    page.frames().filter((f) => /\.swerve\.localhost/.test(new URL(f.url() || 'about:blank', SITE_URL).host)),
  ).toEqual([]);
});

test("a shared app's page reaches neither the site's projects, another app's data, nor the top page", async ({
  page,
}) => {
  // The site holds projects (the playground's IndexedDB), and another app holds data.
  await page.goto(PLAYGROUND);
  await expect(page.getByTestId('new-project').first()).toBeVisible();
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain(
    'swerve-playground-projects',
  );
  await serveTestFiles(page);
  await page.goto('/');
  await expect(page.locator('body[data-host="ready"]')).toBeAttached();
  const victim = await deployApp(page, {
    key: 'share-victim',
    manifest: probeManifest('share-victim', ['default']),
    files: PROBE_FILES,
    keyValues: { default: { secret: 'the victim’s data' } },
  });
  expect(victim.ok).toBe(true);
  const victimOrigin = new URL(SITE_URL.replace('//', '//share-victim.')).origin;

  const attacker = runnerApp(
    'attacker',
    `const PAGE = ${JSON.stringify(`<!doctype html><title>attacker</title><pre id="report">running</pre><script>
const VICTIM = ${JSON.stringify(victimOrigin)};
const report = {};
(async () => {
  try {
    const names = (await indexedDB.databases()).map((d) => d.name);
    report.projects = names.includes('swerve-playground-projects') ? 'read' : 'not here';
  } catch (e) { report.projects = 'blocked'; }
  try { report.parentDocument = String(parent.document.title) && 'read'; } catch (e) { report.parentDocument = 'blocked'; }
  try { report.parentStorage = String(parent.localStorage.length) && 'read'; } catch (e) { report.parentStorage = 'blocked'; }
  report.victim = await new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.src = VICTIM + '/_swerve/host.html?parent=' + encodeURIComponent(location.origin);
    const timer = setTimeout(() => resolve('no answer'), 5000);
    addEventListener('message', (e) => { if (e.origin === VICTIM) { clearTimeout(timer); resolve('answered'); } });
    document.body.append(frame);
  });
  try { top.location.href = 'https://example.com/'; report.topNavigation = 'tried'; } catch (e) { report.topNavigation = 'blocked'; }
  parent.postMessage({ swerve: ${HOST_PROTOCOL_VERSION}, kind: 'ready', build: 'fake', mode: 'service-worker' }, '*');
  parent.postMessage({ swerve: ${HOST_PROTOCOL_VERSION}, kind: 'reply', ok: true, payload: { apps: [] } }, '*');
  report.posed = 'sent';
  document.getElementById('report').textContent = JSON.stringify(report);
})();
</script>`)};
addEventListener('fetch', (event) =>
  event.respondWith(new Response(PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } })),
);
`,
    { version: '0.1.0', open: 'src/index.js' },
  );
  const viewerUrl = `${SITE_URL}/view#${await encodeSharedApp(attacker)}`;
  const viewer = await page.context().newPage();
  await viewer.goto(viewerUrl);
  const preview = viewer.getByTestId('preview');
  await expect(preview).toBeVisible({ timeout: DEPLOY_TIMEOUT });
  // Untrusted by default: no top navigation, no popups escaping the sandbox.
  const sandbox = (await preview.getAttribute('sandbox')) ?? '';
  expect(sandbox.split(/\s+/)).not.toContain('allow-top-navigation');
  expect(sandbox.split(/\s+/)).not.toContain('allow-popups-to-escape-sandbox');

  const report = viewer.frameLocator('[data-testid="preview"]').locator('#report');
  await expect(report).toContainText('"posed":"sent"', { timeout: 20_000 });
  const found = JSON.parse((await report.textContent())!) as Record<string, string>;
  expect(found).toMatchObject({
    projects: 'not here',
    parentDocument: 'blocked',
    parentStorage: 'blocked',
    victim: 'no answer',
    topNavigation: 'blocked',
  });
  // From the outside: the top page stayed where it was and still shows the app, and the other
  // app's data is as it was.
  expect(viewer.url()).toBe(viewerUrl);
  await expect(viewer.getByTestId('app-name')).toHaveText('attacker');
  await expect(viewer.getByTestId('link-error')).toHaveCount(0);
  await expect(viewer.getByTestId('preview')).toBeVisible();
  const victimData = await withHost(
    page,
    'share-victim',
    (host) => host.kv('share-victim').getText('secret'),
    null,
  );
  expect(victimData).toBe('the victim’s data');
});

test('"Open in playground" makes a project with the same files', async ({ page }) => {
  await page.goto(`${SITE_URL}/view#${V1_LINK_FIXTURE.fragment}`);
  await expect(page.getByTestId('response-body')).toContainText('from a link made in v1', {
    timeout: DEPLOY_TIMEOUT,
  });
  await page.getByTestId('open-in-playground').click();
  await page.waitForURL(PLAYGROUND);
  const project = page.getByTestId('project').filter({ hasText: 'shared-hello' });
  await expect(project).toHaveCount(1);
  await expect(page.locator('.tree .file-name')).toHaveText(['spin.toml', 'runner.wasm', 'src/index.js']);
  await page.locator('.tree .file-name', { hasText: 'src/index.js' }).click();
  await expect(page.getByTestId('editor').locator('.cm-content')).toContainText('from a link made in v1');
  // The copy runs in the playground, with the link's variable value.
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
  await page.getByTestId('send').click();
  await expect(page.getByTestId('response-body')).toContainText('Hi from a link made in v1');
});

test('?app= opens a zip from another server, checked against its digest', async ({ page }) => {
  const files = V1_LINK_FIXTURE.app.files;
  const zip = Buffer.from(
    toZip('shared-hello', [
      { path: 'spin.toml', bytes: new TextEncoder().encode(files['spin.toml'] as string) },
      { path: 'src/index.js', bytes: new TextEncoder().encode(files['src/index.js'] as string) },
      { path: 'runner.wasm', bytes: new Uint8Array(readFileSync(RUNNER_WASM)) },
    ]),
  );
  const digest = createHash('sha256').update(zip).digest('hex');
  const address = 'https://apps.example.test/shared-hello.zip';
  await page.route(address, (route) =>
    route.fulfill({
      body: zip,
      contentType: 'application/zip',
      headers: { 'access-control-allow-origin': '*' },
    }),
  );

  const wrong = digest.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  await page.goto(`${SITE_URL}/view?app=${encodeURIComponent(address)}&digest=sha256:${wrong}`);
  await expect(page.getByTestId('link-error')).toContainText('is not the file this link was made for');
  await expect(page.getByTestId('response-body')).toHaveCount(0);

  await page.goto(`${SITE_URL}/view?app=${encodeURIComponent(address)}&digest=sha256:${digest}`);
  await expect(page.getByTestId('app-name')).toHaveText('shared-hello');
  await expect(page.getByTestId('response-body')).toHaveText('Hello from a link made in v1 (visit 1)', {
    timeout: DEPLOY_TIMEOUT,
  });
});

test('secret variables never travel in a link: the viewer asks for them', async ({ page }) => {
  const app = runnerApp(
    'with-secret',
    "import { get } from '@spinframework/spin-variables';\naddEventListener('fetch', (event) => event.respondWith(new Response(`token ends ${get('token').slice(-4)}`)));\n",
    { version: '0.1.0', open: 'src/index.js' },
  );
  app.files['spin.toml'] = (app.files['spin.toml'] as string)
    .replace(
      '[[trigger.http]]',
      '[variables]\napi_token = { required = true, secret = true }\n\n[[trigger.http]]',
    )
    .concat('variables = { token = "{{ api_token }}" }\n');
  await page.goto(`${SITE_URL}/view#${await encodeSharedApp(app)}`);
  await expect(page.getByTestId('secrets-form')).toBeVisible();
  await expect(page.getByTestId('response-body')).toHaveCount(0);
  await page.getByTestId('secret-api_token').fill('my-own-token-9876');
  await page.getByTestId('run-with-secrets').click();
  await expect(page.getByTestId('response-body')).toHaveText('token ends 9876', { timeout: DEPLOY_TIMEOUT });
});

test('an app too big for a link is offered as the exported zip', async ({ page }) => {
  await page.goto(PLAYGROUND);
  // With no project yet, the playground opens its "New project" dialog itself.
  await page.getByTestId('source-input-upload-wasm').setInputFiles(HELLO_WASM);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
  await page.getByTestId('share').click();
  const tooBig = page.getByTestId('share-too-big');
  await expect(tooBig).toContainText('too big for a link');
  await expect(tooBig).toContainText('hello.wasm');
  await expect(tooBig).toContainText('?app=');
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  const download = page.waitForEvent('download');
  await tooBig.getByRole('button', { name: 'Export zip' }).click();
  expect((await download).suggestedFilename()).toBe('hello.zip');
});

test('an exported zip dropped onto the viewer opens and runs', async ({ page }) => {
  await page.goto(`${SITE_URL}/view`);
  await expect(page.getByTestId('link-error')).toContainText('carries no app');
  const manifest = `spin_manifest_version = 2
[application]
name = "dropped"
[[trigger.http]]
route = "/..."
static_response = { status_code = 200, headers = { content-type = "text/plain" }, body = "served from a dropped zip" }
`;
  const zip = toZip('dropped', [{ path: 'spin.toml', bytes: new TextEncoder().encode(manifest) }]);
  await page.evaluate(
    (bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'dropped.zip', { type: 'application/zip' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [...zip],
  );
  await expect(page.getByTestId('app-name')).toHaveText('dropped');
  await expect(page.getByTestId('response-body')).toHaveText('served from a dropped zip', {
    timeout: DEPLOY_TIMEOUT,
  });
});

test('a link can carry the key-value data, when asked to', async ({ page, browser }) => {
  await page.goto(PLAYGROUND);
  await page.getByTestId('source-js:kv-counter').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
  // A counter starts with re-send on deploy off (its GET counts): one visit, sent by hand.
  await page.getByTestId('send').click();
  await expect(page.getByTestId('response-body')).toContainText('"count": 1');
  await page.getByTestId('share').click();
  const link = page.getByTestId('share-link');
  await expect(link).toHaveValue(/#v1\./);
  const withoutData = await link.inputValue();
  await page.getByTestId('share-include-kv').check();
  await expect(link).not.toHaveValue(withoutData);
  const withData = await link.inputValue();

  for (const [url, count] of [
    [withoutData, 1],
    [withData, 2],
  ] as const) {
    const viewer = await openFresh(browser, url);
    await expect(viewer.getByTestId('response-body')).toContainText(`"count": ${count}`, {
      timeout: DEPLOY_TIMEOUT,
    });
    await viewer.context().close();
  }
});
