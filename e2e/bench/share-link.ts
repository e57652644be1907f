/**
 * Share links in the bench: the link the playground makes for the hello template (its length in
 * characters), and opening it in a fresh profile (a new browser context: no storage, no service
 * worker, an empty HTTP cache) until the viewer shows the app's first answer.
 */
import type { Browser } from '@playwright/test';
import { expect } from '../fixtures/swerve.ts';

const DEPLOY_TIMEOUT = 60_000;

export async function measureShareLink(
  browser: Browser,
  siteUrl: string,
): Promise<{ chars: number; openMs: number }> {
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

  const fresh = await browser.newContext();
  const viewer = await fresh.newPage();
  const started = Date.now();
  await viewer.goto(link);
  await expect(viewer.getByTestId('response-body')).toContainText('Hello from JavaScript', {
    timeout: DEPLOY_TIMEOUT,
  });
  const openMs = Date.now() - started;
  await fresh.close();
  return { chars: link.length, openMs };
}
