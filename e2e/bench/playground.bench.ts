/**
 * The playground's own targets (issue 10), measured through its UI in real Chromium:
 * - edit to new answer on screen: a handler edit and Send (which deploys the edit first), until
 *   the new answer shows, clocked by Playwright (its own steps included), and in one script in
 *   the page (the edit, then Ctrl-Enter, until the answer shows) for JavaScript and for
 *   TypeScript (whose types the page strips before each deploy);
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
  // The panel names the origin once the new project's own deploy is serving.
  let origin = '';
  await expect(async () => {
    const text = (await page.getByTestId('deploy-panel').textContent()) ?? '';
    origin = /serving.* at (http:\/\/[^\s]+\.swerve\.localhost:\d+)/.exec(text)?.[1] ?? '';
    expect(origin).not.toBe('');
  }).toPass({ timeout: DEPLOY_TIMEOUT });
  return origin;
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

/**
 * Edit to answer as the page sees it, with no test driver between the steps: the edit is typed
 * (pasted in one go), and a script in the page starts the clock at its `beforeinput` event, then,
 * as soon as the editor holds the new text, presses the user's Ctrl-Enter once (deploy the edit,
 * then send); the clock stops when the response pane shows `expected`. Ms, one edit.
 */
async function editToAnswerInPage(page: Page, text: string, expected: string): Promise<number> {
  await page.getByTestId('editor').locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.evaluate((expected) => {
    const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
    const ctrlEnter = (target: EventTarget) =>
      target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
    const editorText = () => byTestId('editor').shadowRoot?.querySelector('.cm-content')?.textContent ?? '';
    const clock = window as unknown as { answered?: Promise<number> };
    clock.answered = new Promise<number>((resolve, reject) => {
      document.addEventListener(
        'beforeinput',
        () => {
          const editedAt = performance.now();
          let answeredAt = 0;
          const observer = new MutationObserver(() => {
            if (!answeredAt && byTestId('response-body')?.textContent?.trim() === expected) {
              answeredAt = performance.now();
              observer.disconnect();
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          void (async () => {
            while (!editorText().includes(expected)) await tick();
            ctrlEnter(window);
            while (!answeredAt) {
              if (performance.now() - editedAt > 30_000) return reject(new Error(`no answer ${expected}`));
              await tick();
            }
            resolve(answeredAt - editedAt);
          })();
        },
        { once: true, capture: true },
      );
    });
  }, expected);
  await page.keyboard.insertText(text);
  return page.evaluate(() => (window as unknown as { answered: Promise<number> }).answered);
}

test('playground benchmark', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  await page.goto(PLAYGROUND);
  const helloOrigin = await openTemplate(page, 'example:hello');
  const hello = summarize(await latencies(page, helloOrigin, '/'));
  const runnerOrigin = await openTemplate(page, 'js:hello');
  const runner = summarize(await latencies(page, runnerOrigin, '/x'));

  // Edit to answer: only Send deploys (no debounce), then sends; the clock runs from the edit to
  // the new answer in the response pane. Re-sending after a deploy is off, so Send alone answers.
  await page.getByText('Run on edit').click();
  await page.getByTestId('resend-switch').uncheck();
  const editor = page.getByTestId('editor').locator('.cm-content');
  const editToAnswer: number[] = [];
  const deployMs: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    await editor.click();
    await page.keyboard.press('Control+A');
    const started = Date.now();
    await page.keyboard.insertText(`export default { fetch: () => new Response('version ${i}') };\n`);
    await page.getByTestId('send').click();
    await expect(page.getByTestId('response-body')).toHaveText(`version ${i}`, { timeout: DEPLOY_TIMEOUT });
    editToAnswer.push(Date.now() - started);
    const status = (await page.getByTestId('run-status').textContent()) ?? '';
    deployMs.push(Number(/deployed in (\d+) ms/.exec(status)?.[1]));
  }
  const edit = summarize(editToAnswer);
  const deploy = summarize(deployMs);

  const inPage: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    inPage.push(
      await editToAnswerInPage(
        page,
        `export default { fetch: () => new Response('page ${i}') };\n`,
        `page ${i}`,
      ),
    );
  }
  await openTemplate(page, 'ts:itty-router');
  await page.getByText('Run on edit').click();
  await page.getByTestId('resend-switch').uncheck();
  const typescript: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    typescript.push(
      await editToAnswerInPage(
        page,
        `interface Answer {\n  text: string;\n}\nconst answer: Answer = { text: 'typed ${i}' };\nexport default { fetch: (request: Request): Response => new Response(answer.text) };\n`,
        `typed ${i}`,
      ),
    );
  }
  const js = summarize(inPage);
  const ts = summarize(typescript);
  const lines = [
    `request to hello (example component): median ${hello.median.toFixed(2)} ms, p90 ${hello.p90.toFixed(2)} ms (n=${N})`,
    `request to a runner app (js:hello):   median ${runner.median.toFixed(2)} ms, p90 ${runner.p90.toFixed(2)} ms (n=${N})`,
    `runner / hello: ${(runner.median / hello.median).toFixed(2)}x (target <= 2x)`,
    `edit to new answer on screen (edit, Send; Playwright's own steps included): median ${edit.median.toFixed(0)} ms, p90 ${edit.p90.toFixed(0)} ms (n=${EDITS}; target <= 150 ms)`,
    `  of which the deploy the playground reports: median ${deploy.median.toFixed(0)} ms`,
    `edit to new answer, clocked in the page with no test driver between the steps (edit, Ctrl-Enter): JavaScript median ${js.median.toFixed(0)} ms, p90 ${js.p90.toFixed(0)} ms; TypeScript median ${ts.median.toFixed(0)} ms, p90 ${ts.p90.toFixed(0)} ms (n=${EDITS} each; target <= 150 ms)`,
  ];
  console.log(lines.join('\n'));
  test.info().annotations.push({ type: 'results', description: lines.join('\n') });
});
