/**
 * A first visit to the playground in a fresh profile (a new browser: no storage, no service
 * worker, an empty HTTP cache), from the navigation until the starter project's answer is on
 * screen, optionally through an emulated line (throttled-line.ts). Where the page still opens on
 * the template dialog (older builds), the starter's card is clicked (and counted), so that before
 * and after compare on one measure.
 */
import { chromium } from '@playwright/test';
import { expect } from '../fixtures/swerve.ts';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium-path.js';
import { startLineProxy, type Line } from './throttled-line.ts';

const ANSWER_TIMEOUT = 120_000;
/** The starter a first visit opens on, and what it answers. */
const STARTER_SOURCE = 'js:hello';
const STARTER_ANSWER = 'Hello from JavaScript';

export interface FirstVisit {
  ms: number;
  /** Bytes through the line (response bodies as sent), or 0 without a line. */
  bytes: number;
  clicks: number;
}

/** `siteUrl` is served at 127.0.0.1:`port`. */
export async function measureFirstVisit(siteUrl: string, port: number, line?: Line): Promise<FirstVisit> {
  const proxy = line ? await startLineProxy(line, port) : undefined;
  const browser = await chromium.launch({
    executablePath: findChromium()?.executablePath,
    args: [
      ...CHROMIUM_ARGS,
      ...(proxy ? [`--proxy-server=${proxy.address}`, '--proxy-bypass-list=<-loopback>'] : []),
    ],
  });
  try {
    const page = await browser.newPage();
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
    return { ms: Date.now() - started, bytes: proxy?.bytes() ?? 0, clicks };
  } finally {
    await browser.close();
    await proxy?.close();
  }
}
