/**
 * What comes into the playground and what goes out of it, driven through its UI: a Spin app
 * folder chosen with the folder picker opens as a project and answers; a project's exported zip,
 * unpacked, runs under `swerve up` and answers as it did in the playground.
 */
import { unzipSync } from 'fflate';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { SITE_URL } from '../fixtures/app-hosts.ts';
import { expect, test } from '../fixtures/swerve.ts';
import { freePort, startSwerveUp, stop } from '../fixtures/swerve-up-process.ts';

const PLAYGROUND = `${SITE_URL}/playground/`;
const REPO = resolve(import.meta.dirname, '../..');
const RUNNER_WASM = join(REPO, 'components/runner/dist/runner.wasm');
/** A first deploy transpiles a 14 MB component in the worker. */
const DEPLOY_TIMEOUT = 45_000;

let dir = '';
test.beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swerve-playground-'));
});
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function running(page: Page): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
}

async function send(page: Page, path: string): Promise<void> {
  await page.getByTestId('request-path').fill(path);
  await page.getByTestId('send').click();
  await expect(page.getByTestId('send')).toHaveText('Send');
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

test('a Spin app folder chosen with the folder picker opens as a project and answers', async ({ page }) => {
  // A JavaScript app as a user has it on disk: the runner, a handler, a module it imports, and
  // a folder the manifest does not mention (left out by Spin too, but it must not break the import).
  const app = join(dir, 'greeter');
  await writeFiles(app, {
    'spin.toml': `spin_manifest_version = 2

[application]
name = "greeter"
version = "0.1.0"

[[trigger.http]]
route = "/..."
component = "greeter"

[component.greeter]
source = "runner.wasm"
files = [{ source = "src", destination = "/" }]
`,
    'src/index.js': `import { greet } from './lib/greet.js';
export default { fetch: (request) => new Response(greet(new URL(request.url).pathname)) };
`,
    'src/lib/greet.js': 'export const greet = (path) => `greetings from a folder, at ${path}`;\n',
    'notes/README.md': '# Notes\n',
  });
  await copyFile(RUNNER_WASM, join(app, 'runner.wasm'));

  await page.goto(PLAYGROUND);
  await page.getByTestId('source-input-import-folder').setInputFiles(app);
  await expect(page.getByTestId('project')).toHaveCount(1);
  await expect(page.locator('[data-testid="project"][data-name="greeter"]')).toBeVisible();
  await running(page);

  await send(page, '/hi');
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByTestId('response-body')).toHaveText('greetings from a folder, at /hi');
});

test('an exported zip, unpacked, runs under swerve up and answers as in the playground', async ({
  page,
  context,
}) => {
  await page.goto(PLAYGROUND);
  await page.getByTestId('source-js:hello').click();
  await running(page);
  await page.getByTestId('editor').locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(
    'export default { fetch: (request) => new Response(`exported at ${new URL(request.url).pathname}`) };\n',
  );
  await expect(async () => {
    await send(page, '/out');
    await expect(page.getByTestId('response-body')).toHaveText('exported at /out', { timeout: 1000 });
  }).toPass({ timeout: DEPLOY_TIMEOUT });
  const inPlayground = await page.getByTestId('response-body').textContent();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export zip' }).click(),
  ]);
  const zip = new Uint8Array(await readFile((await download.path())!));
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    if (path.endsWith('/')) continue;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  // One folder named after the app, holding the spin.toml, the runner and the handler.
  const folder = join(dir, download.suggestedFilename().replace(/\.zip$/, ''));
  expect(await readFile(join(folder, 'src/index.js'), 'utf8')).toContain('exported at');

  const { child, up } = await startSwerveUp([folder, '--port', String(await freePort())]);
  try {
    const served = await context.newPage();
    await served.goto(new URL('/out', up.url).href);
    await expect(served.locator('body')).toHaveText(inPlayground!, { timeout: DEPLOY_TIMEOUT });
  } finally {
    await stop(child);
  }
});
