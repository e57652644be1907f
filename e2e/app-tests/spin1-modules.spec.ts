/**
 * A Spin 1 app as Spin 1 built it (a version 1 manifest and a core module exporting Spin 1's
 * inbound-http ABI, wit-bindgen 0.2) deploys unchanged and answers, through the host's own
 * implementation of that ABI; a handler that never returns is stopped at its deadline (504).
 */
import { expect, test } from '@swerve/playwright';

test.use({ spinApp: '../components/fixtures/spin1-http', requestTimeout: 1000 });

test('a Spin 1 HTTP module deploys with its version 1 manifest, answers, logs, and is stopped at its deadline', async ({
  app,
  logs,
  requests,
}) => {
  const response = await app.fetch('/items?id=7', {
    method: 'POST',
    headers: { 'x-test': 'forty-two' },
    data: 'the body',
  });
  expect(response.status()).toBe(200);
  expect(response.headers()['x-spin1-method']).toBe('POST');
  expect(await response.text()).toBe(
    'POST /items?id=7\nx-test: forty-two\ngreeting: hello from spin-config\n\nthe body',
  );
  // Its fd_write to stderr reached the app's log as a line.
  await expect
    .poll(async () =>
      (await logs()).find(
        (line) => line.source === 'stderr' && line.message.includes('spin1-http: handled a request'),
      ),
    )
    .toBeTruthy();

  // `app.fetch` fails only for a request the host stopped at its deadline and answered 504.
  await expect(app.fetch('/loop')).rejects.toThrow(
    /deadline of 1000 ms, so the host stopped it and answered 504/,
  );
  expect((await requests()).find((request) => request.path === '/loop')?.status).toBe(504);
  // The next request gets a fresh instance and is answered.
  expect((await app.fetch('/')).status()).toBe(200);
});
