/**
 * The playground's own targets (issue 10), measured through its UI in real Chromium:
 * - edit to new answer on screen: a handler edit, Run, and Send until the new answer shows;
 * - a request to a runner app (JavaScript evaluated by the runner) against one to `hello`.
 * Prints its numbers; `npx playwright test -c playwright.bench.config.ts bench/playground.bench.ts`.
 */
import type { Page } from '@playwright/test';
import { SITE_URL } from '../fixtures/app-hosts.ts';
import { expect, test } from '../fixtures/swerve.ts';
import { sequentialLatencies } from './page-load.ts';
import { summarize } from './stats.ts';

const PLAYGROUND = `${SITE_URL}/playground/`;
const N = Number(process.env.SWERVE_BENCH_N ?? 200);
const EDITS = 20;
const DEPLOY_TIMEOUT = 45_000;

async function openTemplate(page: Page, id: string): Promise<string> {
  if (!(await page.getByTestId(`source-${id}`).isVisible())) await page.getByTestId('new-project').click();
  await page.getByTestId(`source-${id}`).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
  await expect(page.getByTestId('deploy-panel')).toContainText('serving', { timeout: DEPLOY_TIMEOUT });
  const text = (await page.getByTestId('deploy-panel').textContent()) ?? '';
  return /at (http:\/\/[^\s]+\.swerve\.localhost:\d+)/.exec(text)![1]!;
}

/** A tab at `origin`, controlled by its service worker, timing `count` requests to `path`. */
async function latencies(page: Page, origin: string, path: string): Promise<number[]> {
  const tab = await page.context().newPage();
  await tab.goto(`${origin}/_swerve/host.html`);
  await tab.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await sequentialLatencies(tab, { path }, 30);
  const times = await sequentialLatencies(tab, { path }, N);
  await tab.close();
  return times;
}

test('playground benchmark', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  await page.goto(PLAYGROUND);
  const helloOrigin = await openTemplate(page, 'example:hello');
  const hello = summarize(await latencies(page, helloOrigin, '/'));
  const runnerOrigin = await openTemplate(page, 'js:hello');
  const runner = summarize(await latencies(page, runnerOrigin, '/x'));

  // Edit to answer: only Run deploys (no debounce); the clock runs from the edit to the new
  // answer in the response pane. Each Send before the deploy is done shows the old answer.
  await page.getByText('Run on edit').click();
  const editor = page.getByTestId('editor').locator('.cm-content');
  const editToAnswer: number[] = [];
  const deployMs: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    await editor.click();
    await page.keyboard.press('Control+A');
    const started = Date.now();
    await page.keyboard.insertText(`export default { fetch: () => new Response('version ${i}') };\n`);
    await page.getByRole('button', { name: /^Run/ }).click();
    await expect(async () => {
      await page.getByTestId('send').click();
      await expect(page.getByTestId('send')).toHaveText('Send');
      await expect(page.getByTestId('response-body')).toHaveText(`version ${i}`, { timeout: 50 });
    }).toPass({ timeout: DEPLOY_TIMEOUT, intervals: [0] });
    editToAnswer.push(Date.now() - started);
    const status = (await page.getByTestId('run-status').textContent()) ?? '';
    deployMs.push(Number(/deployed in (\d+) ms/.exec(status)?.[1]));
  }
  const edit = summarize(editToAnswer);
  const deploy = summarize(deployMs);
  const lines = [
    `request to hello (example component): median ${hello.median.toFixed(2)} ms, p90 ${hello.p90.toFixed(2)} ms (n=${N})`,
    `request to a runner app (js:hello):   median ${runner.median.toFixed(2)} ms, p90 ${runner.p90.toFixed(2)} ms (n=${N})`,
    `runner / hello: ${(runner.median / hello.median).toFixed(2)}x (target <= 2x)`,
    `edit to new answer on screen (edit, Run, Send; Playwright's own steps included): median ${edit.median.toFixed(0)} ms, p90 ${edit.p90.toFixed(0)} ms (n=${EDITS}; target <= 150 ms)`,
    `  of which the deploy the playground reports: median ${deploy.median.toFixed(0)} ms`,
  ];
  console.log(lines.join('\n'));
  test.info().annotations.push({ type: 'results', description: lines.join('\n') });
});
