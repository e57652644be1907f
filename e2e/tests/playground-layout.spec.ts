/**
 * The playground's layout: nothing wider than the window at 1280x800 with any tool tab open
 * (Preview included) nor at 390x844, where the panes show one at a time and Send is a tab away;
 * the editor wraps long lines; the splitters resize panes by pointer and by keyboard, and collapse
 * them.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/swerve.ts';
import { newProject, PLAYGROUND, replaceOpenFile, running } from '../fixtures/playground.ts';

const TOOL_TABS = ['logs', 'kv', 'variables', 'preview', 'history'];

/**
 * The page is no wider than the window, and no pane scrolls sideways: each of their contents
 * fits its width (the file tabs' strip scrolls on purpose and is not checked).
 */
async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const overflowing = await page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    const panes =
      '.sidebar, .editor-column, .cm-scroller, .tools-column, .console, .response, .inspector-body';
    for (const el of document.querySelectorAll<HTMLElement>(panes)) {
      if (el.offsetParent && el.scrollWidth > el.clientWidth + 1)
        found.push(`${el.className.split(' ')[0]} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return found;
  });
  expect(overflowing, where).toEqual([]);
}

/** The element is inside the window, all of it. */
async function expectInWindow(page: Page, testId: string): Promise<void> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  expect(box.y + box.height).toBeLessThanOrEqual(height);
}

const LONG_LINE = `export default { fetch: () => new Response(${JSON.stringify('a long answer '.repeat(30))}) };\n`;

test.describe('at 1280x800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('no pane overflows with any tool tab open; long lines wrap; splitters resize and collapse', async ({
    page,
  }) => {
    await page.goto(PLAYGROUND);
    await newProject(page, 'js:hello');
    await replaceOpenFile(page, LONG_LINE);
    await expect(page.getByTestId('response-body')).toContainText('a long answer a long answer');
    for (const tab of TOOL_TABS) {
      await page.getByTestId(`tab-${tab}`).click();
      await expectNoHorizontalOverflow(page, `with ${tab} open`);
      await expectInWindow(page, 'send');
      if (tab !== 'preview') continue;
      await expect(page.getByTestId('preview')).toBeVisible();
      await page.screenshot({ path: test.info().outputPath('1280x800-preview.png') });
    }

    // Dragged 200 px to the left, the tools column is 200 px wider.
    const tools = page.locator('.tools-column');
    const before = (await tools.boundingBox())!.width;
    const bar = (await page.getByTestId('split-tools').boundingBox())!;
    await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.width / 2 - 200, bar.y + bar.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(Math.round((await tools.boundingBox())!.width - before)).toBe(200);
    await expectNoHorizontalOverflow(page, 'after widening the tools');

    // By keyboard: an arrow narrows the sidebar by a step; Enter collapses it, and restores it.
    const sidebar = page.locator('.sidebar');
    const wide = (await sidebar.boundingBox())!.width;
    await page.getByTestId('split-sidebar').focus();
    await page.keyboard.press('ArrowLeft');
    expect((await sidebar.boundingBox())!.width).toBe(wide - 16);
    await page.keyboard.press('Enter');
    await expect(sidebar).toBeHidden();
    await expect(page.getByTestId('split-sidebar')).toHaveAttribute('aria-label', 'Sidebar width');
    await page.keyboard.press('Enter');
    await expect(sidebar).toBeVisible();
    // The sizes are kept across a reload.
    await page.reload();
    await expect(sidebar).toBeVisible();
    expect((await sidebar.boundingBox())!.width).toBe(wide - 16);
  });
});

test.describe('at 390x844', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('one pane at a time, none overflowing, and Send a tap away', async ({ page }) => {
    await page.goto(PLAYGROUND);
    // A first visit opens the template dialog, which fits too.
    await expectNoHorizontalOverflow(page, 'the template dialog');
    await page.getByTestId('source-js:hello').click();
    await running(page);
    await replaceOpenFile(page, LONG_LINE);
    await expectNoHorizontalOverflow(page, 'the code pane');
    await page.screenshot({ path: test.info().outputPath('390x844-code.png') });

    await page.getByTestId('pane-tab-run').click();
    await expect(page.getByTestId('editor')).toBeHidden();
    await expectInWindow(page, 'send');
    await page.getByTestId('request-path').fill('/narrow');
    await page.getByTestId('send').click();
    await expect(page.getByTestId('response-body')).toContainText('a long answer');
    for (const tab of TOOL_TABS) {
      await page.getByTestId(`tab-${tab}`).click();
      await expectNoHorizontalOverflow(page, `with ${tab} open`);
    }
    await page.screenshot({ path: test.info().outputPath('390x844-request.png'), fullPage: true });

    await page.getByTestId('pane-tab-files').click();
    await expect(page.getByTestId('project')).toBeVisible();
    await expectNoHorizontalOverflow(page, 'the files pane');
  });

  test("a shared link's viewer keeps its request line whole, the routes under it", async ({
    page,
    browser,
  }) => {
    await page.goto(PLAYGROUND);
    await page.getByTestId('source-js:hello').click();
    await running(page);
    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-link').inputValue();

    const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const viewer = await visitor.newPage();
    await viewer.goto(link);
    await expect(viewer.getByTestId('response-status')).toHaveText('200');
    await expectInWindow(viewer, 'send');
    await expectInWindow(viewer, 'routes');
    await expectNoHorizontalOverflow(viewer, 'the viewer');
    await viewer.screenshot({ path: test.info().outputPath('390x844-viewer.png') });
    await visitor.close();
  });
});
