// Fails on purpose: a handler that never returns is stopped at its deadline, and the test fails
// then with the host's reason, instead of hanging until Playwright's timeout.
import { expect, test } from '@swerve/playwright';

test.use({ spinApp: 'apps/loop', requestTimeout: 1000 });

test('a looping handler fails at its deadline', async ({ app }) => {
  expect((await app.fetch('/ok')).status()).toBe(200);
  await app.fetch('/spin');
});
