/**
 * The playground by keyboard, and the small things a user reads: the import cards reached with
 * Tab and opened with Enter or Space, a way out of the editor (Escape, then Tab), one h1, the
 * Run shortcut written with this platform's modifier, a rename that renames the app in
 * spin.toml, and a History that keeps no body for a GET.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { SITE_URL } from '../fixtures/app-hosts.ts';
import { expect, test } from '../fixtures/swerve.ts';

const PLAYGROUND = `${SITE_URL}/playground/`;
const DEPLOY_TIMEOUT = 45_000;
/** More than the dialog has controls before its import cards: a card never reached fails. */
const MAX_TABS = 40;
const MINIMAL_WASM = fileURLToPath(
  new URL('../../components/fixtures/minimal/dist/minimal.wasm', import.meta.url),
);

test.use({ viewport: { width: 1280, height: 800 } });

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

async function running(page: Page): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
}

async function tabTo(page: Page, testId: string): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    if ((await focusedTestId(page)) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

test('the import cards are reached with Tab and open their pickers with Enter or Space', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await expect(page.getByTestId('source-upload-wasm')).toBeVisible();

  for (const [id, key] of [
    ['import-folder', 'Enter'],
    ['import-zip', 'Space'],
    ['upload-wasm', 'Enter'],
  ] as const) {
    await tabTo(page, `source-${id}`);
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press(key);
    const opened = await chooser;
    expect(await opened.element().getAttribute('data-testid')).toBe(`source-input-${id}`);
    if (id === 'upload-wasm') {
      await page.screenshot({ path: test.info().outputPath('import-card-focus.png') });
      await opened.setFiles(MINIMAL_WASM);
    }
  }
  // The component chosen from the keyboard is a project, deployed.
  await expect(page.getByTestId('project')).toHaveCount(1, { timeout: DEPLOY_TIMEOUT });
  await running(page);
});

test('Escape then Tab leaves the editor; one h1; the Run shortcut names Ctrl on Linux', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await page.getByTestId('source-example:hello').click();
  await running(page);

  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('h1')).toHaveText('Swerve Playground');
  // Chromium here runs on Linux: the modifier is Ctrl, never ⌘.
  await expect(page.getByTestId('run-shortcut')).toHaveText('Ctrl+Enter');
  await expect(page.getByTestId('send-shortcut')).toHaveText('Ctrl+Enter');
  await expect(page.getByTestId('editor-hint')).toHaveText(
    /Esc then Tab leaves the editor.*Ctrl\+Enter runs/,
  );
  await expect(page.locator('body')).not.toContainText('⌘');

  const content = page.getByTestId('editor').locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+End');
  // Tab alone stays in the editor (it indents) ...
  await page.keyboard.press('Tab');
  expect(await focusedTestId(page)).toBe('editor');
  await page.screenshot({ path: test.info().outputPath('editor-focus.png') });
  // ... Escape, then Tab, moves on to the next control.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await focusedTestId(page)).not.toBe('editor');
  expect(await focusedTestId(page)).not.toBe('BODY');
  await page.screenshot({ path: test.info().outputPath('after-editor-focus.png') });
});

test('Rename renames the app in spin.toml; a GET in History keeps no body', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await page.getByTestId('source-example:hello').click();
  await running(page);
  const manifest = page.getByTestId('editor').locator('.cm-content');

  const name = page.getByLabel('Project name');
  await name.fill('greeter-api');
  await name.press('Enter');
  await expect(manifest).toContainText('name = "greeter-api"');
  // The renamed app deploys over the version serving (not beside it, at the same mount).
  await expect(page.getByTestId('tab-logs')).toHaveText('Logs (2)', { timeout: DEPLOY_TIMEOUT });
  await running(page);
  // A name Spin would not give an app renames the project only.
  await name.fill('my greeter 2');
  await name.press('Enter');
  await expect(page.getByTestId('project').first()).toHaveAttribute('data-name', 'my greeter 2');
  await expect(manifest).toContainText('name = "greeter-api"');

  // A POST with a body, then a GET while the body is still typed in.
  await page.getByTestId('request-method').selectOption('POST');
  await page.getByTestId('request-body').fill('posted-text');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('response-status')).toBeVisible();
  await page.getByTestId('request-method').selectOption('GET');
  await page.getByTestId('send').click();
  await page.getByTestId('tab-history').click();
  const entries = page.getByTestId('history-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toHaveText(/^\s*GET\s*\/\s*$/);
  await expect(entries.nth(1)).toContainText('posted-text');
  await page.screenshot({ path: test.info().outputPath('history.png') });
  // Put back, the GET has no body to carry into a later POST.
  await page.getByTestId('history-reuse').nth(0).click();
  await page.getByTestId('request-method').selectOption('POST');
  await expect(page.getByTestId('request-body')).toHaveValue('');
});
