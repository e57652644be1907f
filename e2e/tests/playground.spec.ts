/**
 * The playground, driven through its UI as a user drives it: projects from templates and
 * uploads, edits that redeploy, manifest errors at their line while the last good version keeps
 * answering, key-value data written by a component, and projects that survive a reload.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { SITE_URL } from '../fixtures/app-hosts.ts';
import { expect, test } from '../fixtures/swerve.ts';

const PLAYGROUND = `${SITE_URL}/playground/`;
/** A first deploy transpiles a 12 MiB component in the worker. */
const DEPLOY_TIMEOUT = 45_000;
const MINIMAL_WASM = fileURLToPath(
  new URL('../../components/fixtures/minimal/dist/minimal.wasm', import.meta.url),
);
const P3_SPIN_WASM = fileURLToPath(
  new URL('../../components/fixtures/http-p3-spin/dist/http-p3-spin.wasm', import.meta.url),
);
const UNKNOWN_IMPORT_WASM = fileURLToPath(
  new URL('../../components/fixtures/unknown-import/dist/unknown-import.wasm', import.meta.url),
);

async function newProject(page: Page, sourceId: string): Promise<void> {
  const source = page.getByTestId(`source-${sourceId}`);
  await expect(page.getByTestId('new-project')).toBeVisible();
  const before = await page.getByTestId('project').count();
  if (!(await source.isVisible())) await page.getByTestId('new-project').click();
  await source.click();
  // The new project is listed and open (its runner replaces the last project's) before it runs.
  await expect(page.getByTestId('project')).toHaveCount(before + 1, { timeout: DEPLOY_TIMEOUT });
  await running(page);
}

/** Waits until the project's latest version is deployed and serving. */
async function running(page: Page): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
  await expect(page.getByTestId('run-status')).toContainText('Running');
}

async function send(page: Page, path: string, method = 'GET'): Promise<void> {
  await page.getByTestId('request-method').selectOption(method);
  await page.getByTestId('request-path').fill(path);
  await page.getByTestId('send').click();
  await expect(page.getByTestId('send')).toHaveText('Send');
}

/** Appends `text` at the end of the open file, as if typed (pasted in one go). */
async function appendToEditor(page: Page, text: string): Promise<void> {
  await page.getByTestId('editor').locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(text);
}

test('a template, an added static_response route, and its answer', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'example:hello');

  await send(page, '/greet');
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByTestId('response-body')).toContainText('Hello');

  await appendToEditor(
    page,
    '\n[[trigger.http]]\nroute = "/ping"\nstatic_response = { status_code = 201, body = "pong from spin.toml" }\n',
  );
  await expect(page.getByTestId('deploy-panel').getByText('/ping', { exact: true })).toBeVisible({
    timeout: DEPLOY_TIMEOUT,
  });
  await send(page, '/ping');
  await expect(page.getByTestId('response-status')).toHaveText('201');
  await expect(page.getByTestId('response-body')).toHaveText('pong from spin.toml');
});

test('a manifest error shows at its line while the last good version keeps answering', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'example:hello');

  await appendToEditor(page, '\n[[trigger.http]]\nroute = "/broken"\ncomponent = "no-such-component"\n');
  const error = page.getByTestId('deploy-error');
  await expect(error).toContainText('spin.toml:', { timeout: DEPLOY_TIMEOUT });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed');

  // The line the message names is the one marked in the editor.
  const line = Number(/spin\.toml:(\d+):/.exec((await error.textContent()) ?? '')?.[1]);
  const editorLine = page
    .getByTestId('editor')
    .locator('.cm-line')
    .nth(line - 1);
  await expect(editorLine.locator('.cm-lintRange-error')).toBeVisible();
  await expect(editorLine).toContainText(/broken|no-such-component|trigger/);

  await send(page, '/');
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByTestId('response-body')).toContainText('Hello from spin.toml');
});

test('a key-value write by kv-counter shows in the KV panel and survives a reload', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'example:kv-counter');

  await send(page, '/page');
  await expect(page.getByTestId('response-body')).toContainText('"count": 1');
  await send(page, '/page');
  await expect(page.getByTestId('response-body')).toContainText('"count": 2');

  await page.getByTestId('tab-kv').click();
  const row = page.getByTestId('kv').locator('tr[data-key="visits:/page"]');
  await expect(row).toContainText('2');

  await page.reload();
  await expect(page.getByTestId('project')).toHaveCount(1);
  await page.getByTestId('tab-kv').click();
  await expect(page.getByTestId('kv').locator('tr[data-key="visits:/page"]')).toContainText('2', {
    timeout: DEPLOY_TIMEOUT,
  });
});

test('an uploaded .wasm is wrapped in a spin.toml and answers', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await page.getByTestId('source-input-upload-wasm').setInputFiles(MINIMAL_WASM);
  await expect(page.getByTestId('project')).toHaveCount(1);
  await running(page);
  await expect(page.getByTestId('editor')).toContainText('source = "minimal.wasm"');

  await send(page, '/anything');
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByTestId('response-body')).toHaveText('hello from wat');
});

test('an uploaded component that uses a key-value store gets the default store, and its writes show in the KV panel', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  // A WASI 0.3 component (Spin 4's default) using spin:key-value@3.0.0.
  await page.getByTestId('source-input-upload-wasm').setInputFiles(P3_SPIN_WASM);
  await expect(page.getByTestId('project')).toHaveCount(1);
  await running(page);
  await expect(page.getByTestId('editor')).toContainText('key_value_stores = ["default"]');

  await send(page, '/kv/incr');
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByTestId('response-body')).toHaveText('1');
  await send(page, '/kv/incr');
  await expect(page.getByTestId('response-body')).toHaveText('2');
  await page.getByTestId('tab-kv').click();
  await expect(page.getByTestId('kv').locator('tr[data-key="counter"]')).toContainText('2');
});

test('a request sent before the first deploy succeeds says nothing is deployed and why, rather than an empty answer', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  // A component importing an interface the host does not provide: its first deploy fails.
  await page.getByTestId('source-input-upload-wasm').setInputFiles(UNKNOWN_IMPORT_WASM);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed', {
    timeout: DEPLOY_TIMEOUT,
  });
  await expect(page.getByTestId('deploy-error')).toContainText('swerve:test-fixtures/not-provided');

  await send(page, '/anything');
  await expect(page.getByTestId('request-error')).toHaveText(
    'Nothing is deployed yet: the project did not deploy (the Deploy panel says why). Fix it, and send again.',
  );
  await expect(page.getByTestId('response-status')).toHaveCount(0);
});

test('projects, their names and their files survive a reload', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'example:hello');
  await newProject(page, 'example:echo');
  const name = page.getByLabel('Project name');
  await name.fill('my echo');
  await name.press('Enter');
  await appendToEditor(page, '\n# kept across reloads\n');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('project')).toHaveCount(2);
  await expect(page.locator('[data-testid="project"][data-name="my echo"]')).toBeVisible();
  await expect(page.locator('[data-testid="project"][data-name="hello"]')).toBeVisible();
  await expect(page.getByLabel('Project name')).toHaveValue('my echo');
  await expect(page.getByTestId('editor')).toContainText('# kept across reloads');
  await running(page);
  await send(page, '/x');
  await expect(page.getByTestId('response-body')).toContainText('"pathWithQuery": "/x"');
});

test('a JavaScript handler template answers, and an edit to its handler answers at the next request', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  await send(page, '/x');
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /x!');

  // The template opens its handler; replace it as a user would, by typing over it.
  await page.getByTestId('editor').locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(
    'export default { fetch: (request) => Response.json({ edited: new URL(request.url).pathname }) };\n',
  );
  await running(page);
  await expect(async () => {
    await send(page, '/y');
    await expect(page.getByTestId('response-body')).toContainText('"edited": "/y"', { timeout: 1000 });
  }).toPass({ timeout: DEPLOY_TIMEOUT });
});

test('a key-value counter in JavaScript counts in the store the KV panel shows', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:kv-counter');
  await send(page, '/page');
  await send(page, '/page');
  await expect(page.getByTestId('response-body')).toContainText('"count": 2');
  await page.getByTestId('tab-kv').click();
  await expect(page.getByTestId('kv').locator('tr[data-key="count:/page"]')).toContainText('2');
});

test('a JavaScript syntax error shows at its line, is not deployed, and its fix answers', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  await send(page, '/x');
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /x!');

  // Line 3 of the handler loses its closing parenthesis.
  const editor = page.getByTestId('editor');
  await editor.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(
    "// a broken handler\naddEventListener('fetch', (event) => {\n  event.respondWith(new Response('second version');\n});\n",
  );
  const error = page.getByTestId('deploy-error');
  await expect(error).toContainText(/^src\/index\.js:3:\d+: SyntaxError: /, { timeout: DEPLOY_TIMEOUT });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed');
  const line3 = editor.locator('.cm-line').nth(2);
  await expect(line3.locator('.cm-lintRange-error')).toBeVisible();
  await expect(editor.locator('.cm-lintRange-error')).toHaveCount(1);

  // The file that does not parse was never deployed: the last good version answers.
  await send(page, '/still');
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /still!');

  // The fix deploys, and the mark and the error go.
  await line3.click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.insertText(')');
  await running(page);
  await expect(page.getByTestId('deploy-error')).toHaveCount(0);
  await expect(editor.locator('.cm-lintRange-error')).toHaveCount(0);
  await send(page, '/fixed');
  await expect(page.getByTestId('response-body')).toHaveText('second version');
});

test('the KV panel shows bytes as hex, text as text and JSON pretty', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  await page.getByTestId('editor').locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(`import { openDefault } from '@spinframework/spin-kv';
addEventListener('fetch', (event) => {
  const store = openDefault();
  // A counter as a Rust handler stores it: a u64, little-endian.
  const counter = new Uint8Array(8);
  new DataView(counter.buffer).setBigUint64(0, 258n, true);
  store.set('counter', counter);
  store.set('greeting', 'héllo wörld');
  store.setJson('doc', { items: [1, 2] });
  event.respondWith(new Response('stored'));
});
`);
  await expect(async () => {
    await send(page, '/store');
    await expect(page.getByTestId('response-body')).toHaveText('stored', { timeout: 1000 });
  }).toPass({ timeout: DEPLOY_TIMEOUT });

  await page.getByTestId('tab-kv').click();
  const kv = page.getByTestId('kv');
  const counter = kv.locator('tr[data-key="counter"]');
  await expect(counter.getByTestId('kv-hex')).toHaveText('02 01 00 00 00 00 00 00');
  await expect(counter.getByTestId('kv-u64')).toContainText('258 (little-endian)');
  await expect(kv.locator('tr[data-key="greeting"] .value')).toHaveText('héllo wörld');
  await expect(kv.locator('tr[data-key="doc"] pre.json')).toHaveText(
    '{\n  "items": [\n    1,\n    2\n  ]\n}',
  );
  await page.screenshot({ path: test.info().outputPath('kv-panel.png') });
});

test('a new JavaScript project waits for no runner download, and its first deploy shows as progress', async ({
  page,
  context,
}) => {
  // The published runner's core module is held back until the bar has been seen: the page
  // preloads it as it opens (first-visit speed), so on localhost it would otherwise be in the
  // cache before the first deploy asks for it. `context.route` sees the host's workers' fetches too.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await context.route('**/_swerve/components/runner/**/component.core.wasm', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(PLAYGROUND);
  await page.getByTestId('source-js:hello').click();

  // The project holds the site's runner by reference: it opens at once, with no 14 MB download.
  await expect(page.getByTestId('project')).toHaveCount(1);
  await expect(page.getByTestId('runner-download')).toHaveCount(0);
  // The first deploy fetches and compiles the published runner in the host: a bar until it serves.
  await expect(page.getByTestId('deploy-progress')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('first-deploy.png') });
  release();
  await running(page);
  await expect(page.getByTestId('deploy-progress')).toHaveCount(0);
});

test('the storage the projects use is shown, and grows when a project is saved', async ({ page }) => {
  await page.goto(PLAYGROUND);
  const storage = page.getByTestId('storage');
  const used = async () => {
    const match = /^Projects use ([\d.]+) (B|KiB|MiB|GiB) of this browser's storage/.exec(
      (await storage.textContent())?.trim() ?? '',
    );
    if (!match) return undefined;
    const unit = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 }[match[2] as 'B'];
    return Number(match[1]) * unit;
  };
  await expect.poll(used).toBeLessThan(1024 * 1024);
  // The hello template stores its component (12 MiB, compressed by the browser) with its files.
  await newProject(page, 'example:hello');
  await expect.poll(used, { timeout: 10_000 }).toBeGreaterThan(1024 * 1024);
  await expect(storage).toHaveAttribute('title', /this site's storage.*at the app's own origin/);
});
