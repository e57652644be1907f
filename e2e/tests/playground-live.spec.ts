/**
 * The playground's live loop and its answer pane: a deploy answers the project's request by
 * itself (a GET only, and only while the switch is on), the answer says which version gave it
 * and is marked stale once the code changes, Send and Ctrl+Enter answer from the edited code,
 * and the answer on screen is always the open project's.
 */
import { fileURLToPath } from 'node:url';
import { SITE_URL } from '../fixtures/app-hosts.ts';
import { expect, test } from '../fixtures/swerve.ts';
import { encodeSharedApp } from '@swerve/playground/share-link';
import { V1_LINK_FIXTURE } from '@swerve/playground/share-link-fixture';
import {
  DEPLOY_TIMEOUT,
  newProject,
  PLAYGROUND,
  replaceOpenFile,
  running,
  send,
} from '../fixtures/playground.ts';

const UNKNOWN_IMPORT_WASM = fileURLToPath(
  new URL('../../components/fixtures/unknown-import/dist/unknown-import.wasm', import.meta.url),
);
const handler = (text: string) =>
  `export default { fetch: (request) => new Response(${JSON.stringify(text)} + new URL(request.url).pathname) };\n`;

test('each deploy answers again by itself, from the new version; an edit marks the answer stale until then', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  const body = page.getByTestId('response-body');
  const version = page.getByTestId('answer-version');

  // Opened, the project answers GET / with no click.
  await expect(body).toHaveText('Hello from JavaScript at /!');
  await expect(version).toHaveText('v1 · re-sent');
  await expect(page.getByTestId('answer-request')).toHaveText('GET /');

  await page.getByTestId('tab-preview').click();
  const preview = page.frameLocator('[data-testid="preview"]').locator('body');
  await expect(preview).toHaveText('Hello from JavaScript at /!');

  // An edit deploys, and the new version answers the same request by itself; Preview reloads.
  await replaceOpenFile(page, handler('first edit at '));
  await expect(body).toHaveText('first edit at /', { timeout: DEPLOY_TIMEOUT });
  await expect(version).toHaveText('v2 · re-sent');
  await expect(preview).toHaveText('first edit at /');
  await expect(page.getByTestId('answer-stale')).toHaveCount(0);

  // Deploying only when asked: the answer on screen is marked stale as soon as the code changes ...
  await page.getByLabel('Run on edit').uncheck();
  await replaceOpenFile(page, handler('second edit at '));
  await expect(page.getByTestId('answer-stale')).toHaveText(
    'This answer is from version 2; the code changed since.',
  );
  await expect(body).toHaveText('first edit at /');
  // ... and Send, pressed right after, deploys the edit first: the edited code answers.
  await send(page, '/sent');
  await expect(body).toHaveText('second edit at /sent');
  await expect(version).toHaveText('v3');
  await expect(page.getByTestId('answer-stale')).toHaveCount(0);

  // Ctrl+Enter in the editor means the same: deploy the edit, then send.
  await replaceOpenFile(page, handler('third edit at '));
  await page.keyboard.press('Control+Enter');
  await expect(body).toHaveText('third edit at /sent');
  await expect(version).toHaveText('v4');

  // With the switch off, a deploy leaves the answer as it is, marked stale.
  await page.getByTestId('resend-switch').uncheck();
  await page.getByLabel('Run on edit').check();
  await replaceOpenFile(page, handler('fourth edit at '));
  await expect(page.getByTestId('run-status')).toContainText('Running v5', { timeout: DEPLOY_TIMEOUT });
  await expect(body).toHaveText('third edit at /sent');
  await expect(page.getByTestId('answer-stale')).toContainText('This answer is from version 4');
  await page.screenshot({ path: test.info().outputPath('stale-answer.png') });
});

test('a POST is never re-sent by itself, and a failed deploy says the answer is the last good version’s', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  await send(page, '/posted', 'POST');
  const body = page.getByTestId('response-body');
  await expect(body).toHaveText('Hello from JavaScript at /posted!');

  await replaceOpenFile(page, handler('edited at '));
  await expect(page.getByTestId('run-status')).toContainText('Running v2', { timeout: DEPLOY_TIMEOUT });
  await expect(page.getByTestId('answer-stale')).toContainText('A POST is not re-sent by itself');
  await expect(body).toHaveText('Hello from JavaScript at /posted!');

  // A handler that does not parse is not deployed; Send answers from the last good version, and says so.
  await replaceOpenFile(page, 'export default { fetch: (request) => new Response("broken" };\n');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed', {
    timeout: DEPLOY_TIMEOUT,
  });
  await send(page, '/again', 'GET');
  await expect(body).toHaveText('edited at /again');
  await expect(page.getByTestId('answer-stale')).toHaveText(
    'This answer is from version 2, the last good one: your latest edits did not deploy (the Deploy panel says why).',
  );
});

test("the answer on screen is always the open project's: after creating, uploading, switching and deleting", async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  await send(page, '/first');
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /first!');

  // A second project: its own answer to its own request, none of the first's.
  await newProject(page, 'example:hello');
  await expect(page.getByTestId('response-body')).toContainText('Hello from spin.toml');
  await expect(page.getByTestId('answer-request')).toHaveText('GET /');

  // An upload whose deploy fails: no answer, and the pane says why.
  await page.getByTestId('new-project').click();
  await page.getByTestId('source-input-upload-wasm').setInputFiles(UNKNOWN_IMPORT_WASM);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed', {
    timeout: DEPLOY_TIMEOUT,
  });
  await expect(page.getByTestId('answer-none')).toContainText('the project did not deploy');
  await expect(page.getByTestId('response-status')).toHaveCount(0);

  // Back to the first: its request, answered again by its own version.
  const first = page.getByTestId('project').last();
  await first.locator('.project-open').click();
  await running(page);
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /first!');

  // Deleting it opens the newest project, the upload that did not deploy: no answer again.
  await first.getByRole('button', { name: /^Delete/ }).click();
  await expect(page.getByTestId('answer-none')).toBeVisible();
  await expect(page.getByTestId('response-status')).toHaveCount(0);
});

test('a failed request is explained in the answer: the stack without the runner, the deadline with its log line', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  const failure = page.getByTestId('answer-failure');

  await replaceOpenFile(
    page,
    [
      'function check(items) {',
      "  if (items > 2) throw new RangeError('too many items');",
      '}',
      'export default { fetch: () => Response.json({ items: check(5) }) };',
      '',
    ].join('\n'),
  );
  await expect(page.getByTestId('response-status')).toHaveText('500', { timeout: DEPLOY_TIMEOUT });
  const log = page.getByTestId('answer-failure-log');
  await expect(failure).toContainText('The app answered 500. Its error output for this request:');
  await expect(log).toContainText('Uncaught RangeError: too many items');
  await expect(log).toContainText('check@/index.js:2:24');
  // The runner's own frames (its bundle) are counted, not shown; Logs keeps them.
  await expect(log).not.toContainText('runner.bundle.js');
  await expect(failure).toContainText("stack frames of the runner's own left out");
  await expect(page.getByTestId('logs')).toContainText('runner.bundle.js');

  // A handler that never returns is stopped at its deadline; the answer says so.
  await replaceOpenFile(page, 'export default { fetch: () => { while (true) {} } };\n');
  await expect(page.getByTestId('response-status')).toHaveText('504', { timeout: DEPLOY_TIMEOUT });
  await expect(failure).toContainText('The host answered 504 itself, not the app.');
  await expect(log).toContainText(
    'GET / answered 504: hello-js/handler was stopped while handling GET / (route /...): its deadline of 10 s passed',
  );
  await page.screenshot({ path: test.info().outputPath('answer-504.png') });
});

test('a key-value counter starts with re-send off: no deploy counts a visit nobody made', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:kv-counter');
  const body = page.getByTestId('response-body');
  await expect(page.getByTestId('resend-switch')).not.toBeChecked();
  await expect(page.getByTestId('run-status')).toContainText('Running v1');
  await send(page, '/');
  await expect(body).toContainText('"count": 1');

  // An edit deploys v2 by itself; re-sent, its GET / would have counted a second visit.
  await replaceOpenFile(
    page,
    `import { openDefault } from '@spinframework/spin-kv';
export default {
  fetch() {
    const store = openDefault();
    const count = (store.getJson('count:/') ?? 0) + 1;
    store.setJson('count:/', count);
    return Response.json({ count, version: 2 });
  },
};
`,
  );
  await expect(page.getByTestId('run-status')).toContainText('Running v2', { timeout: DEPLOY_TIMEOUT });
  await expect(page.getByTestId('answer-stale')).toContainText('This answer is from version 1');
  await send(page, '/');
  await expect(body).toContainText('"version": 2');
  await expect(body).toContainText('"count": 2');
});

test('a reload at once after an edit and an answer keeps both: pending saves are written as the page goes', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  // A POST, never re-sent by itself: what shows after the reload is the answer kept.
  await send(page, '/just-now', 'POST');
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /just-now!');
  await replaceOpenFile(page, handler('typed just before the reload at '));
  // No wait for the save (it comes a moment after the last change): the reload is at once.
  await page.reload();

  await expect(page.getByTestId('editor')).toContainText('typed just before the reload at ');
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /just-now!');
  await expect(page.getByTestId('answer-request')).toHaveText('POST /just-now');
  // The edit is what runs after the reload.
  await running(page);
  await send(page, '/after');
  await expect(page.getByTestId('response-body')).toHaveText('typed just before the reload at /after');

  // An answer alone, the reload at once after it shows: it is the one kept.
  await send(page, '/last', 'POST');
  await expect(page.getByTestId('response-body')).toHaveText('typed just before the reload at /last');
  await page.reload();
  await expect(page.getByTestId('answer-request')).toHaveText('POST /last');
  await expect(page.getByTestId('response-body')).toHaveText('typed just before the reload at /last');
});

test('a reload, and "Open in playground", reopen the file that was open and show the last answer', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  // A POST: never re-sent by itself, so what shows after the reload is the answer kept.
  await send(page, '/kept', 'POST');
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /kept!');
  // As a user would: the request and its answer are written (saves wait a moment after a change).
  await expect(page.locator('.save-state')).toHaveAttribute('data-state', 'saved');

  await page.reload();
  await expect(page.locator('.editor-pane .tab.active button').first()).toHaveText('index.js');
  await expect(page.getByTestId('editor')).toContainText("addEventListener('fetch'");
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /kept!');
  await expect(page.getByTestId('answer-version')).toHaveText('earlier');
  await expect(page.getByTestId('answer-request')).toHaveText('POST /kept');
  await running(page);
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /kept!');

  // A link that opens its handler: the copy in the playground opens it too, with the link's answer.
  const link = await encodeSharedApp({ ...V1_LINK_FIXTURE.app, open: 'src/index.js' });
  await page.goto(`${SITE_URL}/view#${link}`);
  await expect(page.getByTestId('response-body')).toContainText('Hi from a link made in v1', {
    timeout: DEPLOY_TIMEOUT,
  });
  await page.getByTestId('open-in-playground').click();
  await page.waitForURL(PLAYGROUND);
  await expect(page.locator('.editor-pane .tab.active button').first()).toHaveText('index.js');
  // The link's answer shows until the copy's own deploy answers again (its GET is re-sent).
  await expect(page.getByTestId('response-body')).toContainText('Hi from a link made in v1');
});
