/**
 * A first visit to the playground in a fresh profile (a new browser: no storage, no service
 * worker, an empty HTTP cache), from the navigation until the starter project's answer is on
 * screen, optionally through an emulated line (throttled-line.ts). Where the page still opens on
 * the template dialog (older builds), the starter's card is clicked (and counted), so that before
 * and after compare on one measure.
 */
import { expect } from '../fixtures/swerve.ts';
import { hostBreakdown, inFreshBrowser, waterfallOf, type FirstAnswer } from './fresh-browser.ts';
import type { Line } from './throttled-line.ts';

const ANSWER_TIMEOUT = 120_000;
/** The starter a first visit opens on, and what it answers. */
const STARTER_SOURCE = 'js:hello';
const STARTER_ANSWER = 'Hello from JavaScript';

export interface FirstVisit extends FirstAnswer {
  clicks: number;
}

/** `siteUrl` is served at 127.0.0.1:`port`. */
export async function measureFirstVisit(siteUrl: string, port: number, line?: Line): Promise<FirstVisit> {
  return inFreshBrowser(port, line, async (browser, proxy) => {
    const page = await (await browser.newContext()).newPage();
    const started = Date.now();
    await page.goto(`${siteUrl}/playground/`);
    let clicks = 0;
    const answer = page.getByTestId('response-body');
    const card = page.getByTestId(`source-${STARTER_SOURCE}`);
    await expect(answer.or(card).first()).toBeVisible({ timeout: ANSWER_TIMEOUT });
    if (await card.isVisible()) {
      await card.click();
      clicks++;
      // Builds before the live loop answered only once Send was pressed.
      await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
        timeout: ANSWER_TIMEOUT,
      });
      if (!(await answer.isVisible())) {
        await page.getByTestId('send').click();
        clicks++;
      }
    }
    await expect(answer).toContainText(STARTER_ANSWER, { timeout: ANSWER_TIMEOUT });
    const ms = Date.now() - started;
    const bytes = proxy?.bytes() ?? 0;
    const waterfall = waterfallOf(proxy?.entries(), started);
    return { ms, bytes, clicks, waterfall, host: await hostBreakdown(page, siteUrl, started) };
  });
}
