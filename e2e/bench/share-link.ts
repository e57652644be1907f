/**
 * Share links in the bench: the link the playground makes for the hello template (its length in
 * characters), and opening it in a fresh profile (a new browser context: no storage, no service
 * worker, an empty HTTP cache) until the viewer shows the app's first answer; or, through an
 * emulated line, in a new browser behind it (fresh-browser.ts).
 */
import type { Browser } from '@playwright/test';
import { expect } from '../fixtures/swerve.ts';
import { hostBreakdown, inFreshBrowser, waterfallOf, type FirstAnswer } from './fresh-browser.ts';
import type { Line } from './throttled-line.ts';

const DEPLOY_TIMEOUT = 60_000;
const ANSWER_TIMEOUT = 120_000;
const HELLO_ANSWER = 'Hello from JavaScript';

export async function measureShareLink(
  browser: Browser,
  siteUrl: string,
): Promise<{ chars: number; openMs: number }> {
  const link = await makeShareLink(browser, siteUrl);
  const fresh = await browser.newContext();
  const viewer = await fresh.newPage();
  const started = Date.now();
  await viewer.goto(link);
  await expect(viewer.getByTestId('response-body')).toContainText(HELLO_ANSWER, {
    timeout: DEPLOY_TIMEOUT,
  });
  const openMs = Date.now() - started;
  await fresh.close();
  return { chars: link.length, openMs };
}

/** Opens `link` in a new browser behind `line` (the site at 127.0.0.1:`port`), to its first answer. */
export async function openShareLinkThroughLine(link: string, port: number, line: Line): Promise<FirstAnswer> {
  return inFreshBrowser(port, line, async (fresh, proxy) => {
    const viewer = await (await fresh.newContext()).newPage();
    const started = Date.now();
    await viewer.goto(link);
    await expect(viewer.getByTestId('response-body')).toContainText(HELLO_ANSWER, {
      timeout: ANSWER_TIMEOUT,
    });
    const ms = Date.now() - started;
    const bytes = proxy?.bytes() ?? 0;
    const waterfall = waterfallOf(proxy?.entries(), started);
    return { ms, bytes, waterfall, host: await hostBreakdown(viewer, new URL(link).origin, started) };
  });
}

/** The share link the playground makes for its starter (the hello template), made in `browser`. */
export async function makeShareLink(browser: Browser, siteUrl: string): Promise<string> {
  const maker = await browser.newContext();
  const page = await maker.newPage();
  await page.goto(`${siteUrl}/playground/`);
  // A first visit opens on the js:hello starter; an older build opens on the template dialog.
  const card = page.getByTestId('source-js:hello');
  await expect(card.or(page.getByTestId('share')).first()).toBeVisible({ timeout: DEPLOY_TIMEOUT });
  if (await card.isVisible()) await card.click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/#v1\./);
  const link = await page.getByTestId('share-link').inputValue();
  await maker.close();
  return link;
}
