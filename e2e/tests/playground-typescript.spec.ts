/**
 * TypeScript handlers in the playground, driven through its UI: the TypeScript template answers
 * and an edit to its typed handler answers next; a type-syntax error shows at its line while the
 * last good version keeps answering; a runtime error names the .ts file at its line and column;
 * the exported zip runs under `swerve up`, and importing it back gives the TypeScript sources.
 * The editor's TypeScript help: type errors marked while the code still deploys, completions and
 * hovers from the runner's declarations, and its worker started only once a .ts file is opened.
 */
import { unzipSync } from 'fflate';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { SITE_URL } from '../fixtures/app-hosts.ts';
import { expect, test } from '../fixtures/swerve.ts';
import { freePort, startSwerveUp, stop } from '../fixtures/swerve-up-process.ts';
import { newProject } from '../fixtures/playground.ts';

const PLAYGROUND = `${SITE_URL}/playground/`;
/** A first deploy transpiles a 14 MB component in the worker. */
const DEPLOY_TIMEOUT = 45_000;

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

/** Sends until the answer has `text`: an edit is deployed after the editor's debounce. */
async function answers(page: Page, path: string, text: string | RegExp): Promise<void> {
  await expect(async () => {
    await send(page, path);
    await expect(page.getByTestId('response-body')).toContainText(text, { timeout: 1000 });
  }).toPass({ timeout: DEPLOY_TIMEOUT });
}

async function replaceOpenFile(page: Page, text: string): Promise<void> {
  await page.getByTestId('editor').locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

async function openTypeScriptTemplate(page: Page): Promise<void> {
  await page.goto(PLAYGROUND);
  await page.getByTestId('source-ts:itty-router').click();
  await running(page);
  // The template opens its typed handler.
  await expect(page.getByTestId('editor')).toContainText(
    "import { AutoRouter, type IRequest } from 'itty-router';",
  );
}

test('the TypeScript template answers, and an edit to its typed handler answers at the next request', async ({
  page,
}) => {
  await openTypeScriptTemplate(page);
  await send(page, '/hello/types');
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByTestId('response-body')).toContainText('"message": "Hello, types!"');

  await replaceOpenFile(
    page,
    [
      "import { AutoRouter, type IRequest } from 'itty-router';",
      "import { greet, type Greeting } from './greeting.js';",
      '',
      'interface Sum {',
      '  total: number;',
      '  greeting: Greeting;',
      '}',
      '',
      'const router = AutoRouter();',
      "router.get('/sum/:a/:b', ({ a, b }: IRequest): Sum => ({",
      '  total: Number(a as string) + Number(b as string),',
      "  greeting: greet('sum'),",
      '}));',
      '',
      "addEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));",
      '',
    ].join('\n'),
  );
  await answers(page, '/sum/2/40', '"total": 42');
  await expect(page.getByTestId('response-body')).toContainText('"message": "Hello, sum!"');
});

test('a type-syntax error shows at its line, is not deployed, and its fix answers', async ({ page }) => {
  await openTypeScriptTemplate(page);
  await send(page, '/hello/before');
  await expect(page.getByTestId('response-body')).toContainText('Hello, before!');

  // Line 3 names a type that is not there: `const limit: = 3`.
  await replaceOpenFile(
    page,
    "import { AutoRouter } from 'itty-router';\nconst router = AutoRouter();\nconst limit: = 3;\nrouter.get('/', () => ({ limit }));\naddEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));\n",
  );
  const error = page.getByTestId('deploy-error');
  await expect(error).toContainText('src/index.ts:3:14: SyntaxError: Type expected.', {
    timeout: DEPLOY_TIMEOUT,
  });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed');
  const editor = page.getByTestId('editor');
  await expect(editor.locator('.cm-line').nth(2).locator('.cm-lintRange-error')).toBeVisible();
  await expect(editor.locator('.cm-lintRange-error')).toHaveCount(1);

  // The last good version answers meanwhile.
  await send(page, '/hello/still');
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByTestId('response-body')).toContainText('Hello, still!');

  // The type is written in: the fix deploys, and the mark goes.
  await editor.locator('.cm-line').nth(2).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.insertText('number ');
  await expect(editor.locator('.cm-line').nth(2)).toHaveText('const limit: number = 3;');
  await running(page);
  await expect(page.getByTestId('deploy-error')).toHaveCount(0);
  await expect(editor.locator('.cm-lintRange-error')).toHaveCount(0);
  await answers(page, '/', '"limit": 3');
});

test("a runtime error's stack names the .ts file at the line and column of the throw", async ({ page }) => {
  await openTypeScriptTemplate(page);
  await replaceOpenFile(
    page,
    [
      'interface Order {',
      '  items: number;',
      '}',
      '',
      'function check(order: Order): number {',
      "  if (order.items > 2) throw new RangeError('too many items');",
      '  return order.items;',
      '}',
      '',
      'export default {',
      '  fetch: (request: Request): Response => Response.json({ items: check({ items: 5 }) }),',
      '};',
      '',
    ].join('\n'),
  );
  await answers(page, '/order', 'RangeError: too many items');
  await expect(page.getByTestId('response-status')).toHaveText('500');
  // Column 30 of line 6 is where `throw new RangeError` constructs its error, types and all.
  await page.getByTestId('tab-logs').click();
  await expect(page.getByTestId('logs')).toContainText('[runner] Uncaught RangeError: too many items');
  await expect(page.getByTestId('logs')).toContainText('check@/index.ts:6:30');
});

test('a TypeScript project shared as a link answers in the viewer of a fresh profile', async ({
  page,
  browser,
}) => {
  await openTypeScriptTemplate(page);
  await page.getByTestId('share').click();
  const link = page.getByTestId('share-link');
  await expect(link).toHaveValue(new RegExp(`^${SITE_URL}/view#v1\\.`), { timeout: 15_000 });
  const url = await link.inputValue();

  // The link carries the TypeScript; the viewer strips it before it deploys, as the playground does.
  const fresh = await browser.newContext();
  try {
    const viewer = await fresh.newPage();
    await viewer.goto(url);
    await expect(viewer.getByTestId('response-status')).toHaveText('200', { timeout: DEPLOY_TIMEOUT });
    await expect(viewer.getByTestId('response-body')).toContainText('"message": "Hello, Spin!"');
  } finally {
    await fresh.close();
  }
});

/** The editor's TypeScript worker, once a TypeScript file has been opened. */
const typeWorker = (page: Page) =>
  page.workers().filter((worker) => /type-service\.worker/.test(worker.url()));

test.describe('TypeScript help in the editor', () => {
  // A first visit's starter, to see that it runs without the TypeScript worker; the screenshots' size.
  test.use({ playgroundStarter: true, viewport: { width: 1280, height: 800 } });

  test('a type error is marked at its words while the handler still deploys and answers; its worker starts with the first .ts file', async ({
    page,
  }) => {
    await page.goto(PLAYGROUND);
    // The first visit's JavaScript starter answers without TypeScript's worker.
    await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /!', {
      timeout: DEPLOY_TIMEOUT,
    });
    expect(typeWorker(page)).toEqual([]);

    await page.getByTestId('new-project').click();
    await page.getByTestId('source-ts:itty-router').click();
    await running(page);
    await expect.poll(() => typeWorker(page).length).toBe(1);
    const editor = page.getByTestId('editor');

    await replaceOpenFile(
      page,
      [
        "import { AutoRouter } from 'itty-router';",
        'const router = AutoRouter();',
        "const limit: number = 'three';",
        "router.get('/', () => ({ limit }));",
        "addEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));",
        '',
      ].join('\n'),
    );
    // Marked where TypeScript says, in the gutter and under `limit`, with TypeScript's message.
    const mark = editor.locator('.cm-line').nth(2).locator('.cm-lintRange-error');
    await expect(mark).toHaveText('limit');
    await expect(editor.locator('.cm-lint-marker-error')).toHaveCount(1);
    await mark.hover();
    await expect(editor.locator('.cm-tooltip-lint')).toContainText(
      "Type 'string' is not assignable to type 'number'.",
    );
    await page.screenshot({ path: test.info().outputPath('type-error.png') });
    // Types are only checked: the code deploys and answers as it runs.
    await answers(page, '/', '"limit": "three"');
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready');
    await expect(page.getByTestId('deploy-error')).toHaveCount(0);

    // A deploy's problem and a type error, each from its own check, are marked side by side.
    await replaceOpenFile(
      page,
      [
        "import { AutoRouter } from 'itty-router';",
        'const router = AutoRouter();',
        "const limit: number = 'three';",
        'enum Mode { On }',
        "router.get('/', () => ({ limit, mode: Mode.On }));",
        "addEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));",
        '',
      ].join('\n'),
    );
    await expect(page.getByTestId('deploy-error')).toContainText(
      'src/index.ts:4:1: SyntaxError: an enum is code',
      {
        timeout: DEPLOY_TIMEOUT,
      },
    );
    await expect(editor.locator('.cm-line').nth(2).locator('.cm-lintRange-error')).toHaveText('limit');
    await expect(editor.locator('.cm-line').nth(3).locator('.cm-lintRange-error')).toBeVisible();
    await expect(editor.locator('.cm-lint-marker-error')).toHaveCount(2);
  });

  test('completions and hovers come from the runner’s declarations: a spin-kv store and the request', async ({
    page,
  }) => {
    await page.goto(PLAYGROUND);
    // The first visit's starter comes first, so that the new project is counted after it.
    await expect(page.getByTestId('project')).toHaveCount(1);
    await newProject(page, 'ts:itty-router');
    const editor = page.getByTestId('editor');
    await replaceOpenFile(
      page,
      "import { openDefault } from '@spinframework/spin-kv';\n\nexport default {\n  fetch(request: Request) {\n    const store = openDefault();\n    ",
    );
    // Ctrl+Space lists what is in scope, the method's own names first (before any global).
    const list = editor.locator('.cm-tooltip-autocomplete');
    await page.keyboard.press('Control+Space');
    await expect
      .poll(async () => (await list.getByRole('option').allTextContents()).slice(0, 4).sort())
      .toEqual(['arguments', 'openDefault', 'request', 'store']);
    await page.keyboard.press('Escape');
    // Typing a member of the store lists the store's methods, each with its type and description.
    await page.keyboard.type('store.getJ');
    await expect(list.getByRole('option', { name: /^getJson/ })).toBeVisible();
    await expect(list.getByRole('option')).toHaveCount(1);
    await expect(editor.locator('.cm-completionInfo')).toContainText(
      '(method) Store.getJson(key: string): any',
    );
    await expect(editor.locator('.cm-completionInfo')).toContainText(
      'The value parsed as JSON, or null for a missing key.',
    );
    await page.screenshot({ path: test.info().outputPath('completion.png') });
    await page.keyboard.press('Enter');
    await page.keyboard.insertText("('count');\n    return new Response(");
    // The request's members, as the standard Request declares them.
    await page.keyboard.type('request.');
    await expect(list.getByRole('option', { name: /^headers/ })).toBeVisible();
    await expect(list.getByRole('option', { name: /^method/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.insertText('url);\n  },\n};\n');
    await expect(editor.locator('.cm-line').nth(5)).toHaveText("    store.getJson('count');");
    await expect(editor.locator('.cm-line').nth(6)).toHaveText('    return new Response(request.url);');

    // Hovering a name shows what it is: the Spin function and its documentation.
    const at = await editor
      .locator('.cm-line')
      .nth(4)
      .evaluate((line, word) => {
        // The middle of the word on screen, wherever the highlighter split the line into spans.
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const offset = node.textContent!.indexOf(word);
          if (offset < 0) continue;
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + word.length);
          const rect = range.getBoundingClientRect();
          return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
        }
        throw new Error(`${word} is not on the line`);
      }, 'openDefault');
    await page.mouse.move(at.x, at.y);
    const hover = editor.locator('.cm-typeHover');
    await expect(hover).toContainText('openDefault(): Store');
    await expect(hover).toContainText('The store `default`.');
    await page.screenshot({ path: test.info().outputPath('hover.png') });
  });
});

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

let dir = '';
test.describe('export', () => {
  test.beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swerve-playground-ts-'));
  });
  test.afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('the exported zip of a TypeScript project runs under swerve up, and imports back as TypeScript', async ({
    page,
    context,
  }) => {
    await openTypeScriptTemplate(page);
    await page.locator('.tree .file', { hasText: 'src/greeting.ts' }).click();
    await replaceOpenFile(
      page,
      'export interface Greeting {\n  message: string;\n}\n\nexport const greet = (name: string): Greeting => ({ message: `exported, ${name}` });\n',
    );
    await answers(page, '/hello/zip', '"message": "exported, zip"');
    const inPlayground = JSON.parse((await page.getByTestId('response-body').textContent())!);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export zip' }).click(),
    ]);
    // Saved under its name: the import takes a .zip.
    const zipPath = join(dir, download.suggestedFilename());
    await download.saveAs(zipPath);
    for (const [path, bytes] of Object.entries(unzipSync(new Uint8Array(await readFile(zipPath))))) {
      if (path.endsWith('/')) continue;
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), bytes);
    }
    const folder = join(dir, download.suggestedFilename().replace(/\.zip$/, ''));
    // The sources as written, and beside each the JavaScript the runner loads, line for line,
    // then a last line that names its source.
    const source = await readFile(join(folder, 'src/greeting.ts'), 'utf8');
    const stripped = await readFile(join(folder, 'src/greeting.js'), 'utf8');
    expect(source).toContain('(name: string): Greeting =>');
    expect(stripped).not.toContain('interface');
    const lengths = (text: string) => text.split('\n').map((line) => line.length);
    expect(lengths(stripped).slice(0, -2)).toEqual(lengths(source).slice(0, -1));
    expect(stripped).toMatch(
      /\n\/\/ swerve: types stripped from greeting\.ts; edit greeting\.ts, not this file[^\n]*\n$/,
    );
    expect(await readFile(join(folder, 'src/index.ts'), 'utf8')).toContain('(event: FetchEvent)');

    const { child, up } = await startSwerveUp([folder, '--port', String(await freePort())]);
    try {
      const served = await context.newPage();
      await served.goto(new URL('/hello/zip', up.url).href);
      // The first navigation shows a page that installs the host, then reloads into the answer.
      await expect
        .poll(async () => jsonOrText((await served.locator('body').textContent()) ?? ''), {
          timeout: DEPLOY_TIMEOUT,
        })
        .toEqual(inPlayground);
    } finally {
      await stop(child);
    }

    // Imported back, the project holds the TypeScript, not the JavaScript the export wrote.
    await page.getByTestId('new-project').click();
    await page.getByTestId('source-input-import-zip').setInputFiles(zipPath);
    await expect(page.getByTestId('project')).toHaveCount(2);
    await running(page);
    const files = page.locator('.tree .file-name');
    await expect(files).toContainText(['spin.toml', 'runner.wasm', 'src/greeting.ts', 'src/index.ts']);
    await expect(files.filter({ hasText: /\.js$/ })).toHaveCount(0);
    await answers(page, '/hello/again', '"message": "exported, again"');
  });
});
