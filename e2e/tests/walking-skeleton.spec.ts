import { appOrigin, PORT, SERVER_URL } from '../fixtures/app-hosts.ts';
import { examples, fixtures } from '../../site/site-apps.ts';
import { isExample } from '@swerve/site/front-page-requests';
import { expect, fetchFrom, test } from '../fixtures/swerve.ts';

// What the site shows of apps. What apps do: e2e/app-tests/walking-skeleton.spec.ts.

const HELLO_BODY = 'Hello from a WebAssembly component!\n';

test("a tab opened on an app URL shows the component answer at the app's own origin, with the path and query it asked for", async ({
  page,
}) => {
  // A fresh browser context: the host is not installed yet, so the first visit bootstraps it.
  // The site's old app URL sends the tab to the app's origin.
  await page.goto('/apps/echo/x?y=1');
  await expect(page.locator('body')).toContainText('"pathWithQuery"');
  const echo = JSON.parse(await page.locator('body').innerText());
  expect(echo.method).toBe('GET');
  expect(echo.pathWithQuery).toBe('/x?y=1');
  expect(page.url()).toBe(`${appOrigin('echo')}/x?y=1`);
});

test('a visit to the loopback address is sent to the site under its name', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  expect(page.url()).toBe(`http://swerve.localhost:${PORT}/`);
  await expect(page.locator('body[data-host="ready"]')).toBeAttached();
});

test('the worker still answers after a page reload', async ({ hostPage, hostFetch }) => {
  expect((await hostFetch('/apps/hello/')).body).toBe(HELLO_BODY);
  await hostPage.reload();
  await expect(hostPage.locator('body[data-host="ready"]')).toBeAttached();
  expect((await fetchFrom(hostPage)('/apps/hello/')).body).toBe(HELLO_BODY);
});

test('a plain HTTP client (no service worker) does not get the component answer', async ({ request }) => {
  // Node resolves no *.localhost names: ask the loopback address for the app's origin by Host.
  const response = await request.get(`${SERVER_URL}/`, {
    headers: { host: new URL(appOrigin('hello')).host },
  });
  const text = await response.text();
  expect(text).not.toContain(HELLO_BODY.trim());
  expect(response.status()).toBe(503);
  expect(text).toContain('runs inside your browser');
});

test('the front page sends a request to an app and shows its answer', async ({ hostPage }) => {
  const card = hostPage.locator('section.app[data-app="hello"]');
  await card.getByRole('button', { name: 'Send request' }).click();
  await expect(card.locator('.response-summary')).toContainText(/^200 in \d+\.\d ms$/);
  await expect(card.locator('.response-headers')).toContainText('x-hello-from: wasm');
  await expect(card.locator('.response-body')).toHaveText(HELLO_BODY.trim());
});

test('every example on the front page answers its default request, in the card and in a new tab', async ({
  hostPage,
}) => {
  const fixtureNames = new Set(fixtures.map((app) => app.name));
  const shown = await hostPage
    .locator('section.app')
    .evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset['app']!));
  // The test build lists the fixtures too (some fail on purpose); a visitor sees the examples.
  const shownExamples = shown.filter((name) => !fixtureNames.has(name));
  expect(shownExamples).toEqual(examples.map((app) => app.name).filter(isExample));
  for (const name of shownExamples) {
    const card = hostPage.locator(`section.app[data-app="${name}"]`);
    await card.getByRole('button', { name: 'Send request' }).click();
    await expect(card.locator('.response-summary'), name).toHaveText(/^2\d\d in /);
    await expect(card.locator('.response-body'), name).not.toHaveText(/^(\(empty body\))?$/);

    const link = card.getByRole('link', { name: 'Open in a new tab' });
    const href = await link.getAttribute('href');
    // The first visit installs the app's host and reloads: the answer is then the component's.
    const answered = hostPage
      .context()
      .waitForEvent('response', (r) => r.url() === href && r.fromServiceWorker());
    const [tab] = await Promise.all([hostPage.context().waitForEvent('page'), link.click()]);
    const answer = await answered;
    expect(answer.status(), name).toBeGreaterThanOrEqual(200);
    expect(answer.status(), name).toBeLessThan(300);
    await expect(tab.locator('body'), name).not.toBeEmpty();
    await tab.close();
  }
});

test('an unknown URL of the site answers 404 with a page that links home, docs and playground', async ({
  page,
}) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  for (const [link, href] of [
    ['The front page', '/'],
    ['The docs', '/docs/'],
    ['The playground', '/playground/'],
  ]) {
    await expect(page.getByRole('link', { name: link })).toHaveAttribute('href', href!);
  }
  // The docs keep their own 404 page; the site's pages still answer.
  expect((await page.goto('/docs/no-such-page'))?.status()).toBe(404);
  await expect(page.locator('body')).toContainText('404');
  expect((await page.goto('/playground/'))?.status()).toBe(200);
});
