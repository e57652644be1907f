// A component that echoes the request it got, and prints one line per request on stdout.
import { expect, test } from '@swerve/playwright';

test.use({ spinApp: 'apps/echo' });

test('what the guest printed is in the logs', async ({ app }) => {
  const res = await app.fetch('/greet?name=spin', { method: 'PUT', data: 'hi' });
  expect(await res.json()).toMatchObject({ method: 'PUT', pathWithQuery: '/greet?name=spin', body: 'hi' });
  await expect
    .poll(async () =>
      (await app.logs()).filter((line) => line.source === 'stdout').map((line) => line.message),
    )
    .toContain('echo: PUT /greet?name=spin');
});

test('the app serves documents to a page at its origin', async ({ app, page }) => {
  await page.goto('/from-a-page');
  expect(new URL(page.url()).origin).toBe(app.origin);
  await expect(page.locator('body')).toContainText('"pathWithQuery": "/from-a-page"');
});
