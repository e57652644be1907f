/**
 * `swerve up` on a WASI 0.3 app (components/fixtures/http-p3), as a Spin 4 user would run it: the
 * browser answers from the component through the real service worker, with instances reused as
 * Spin 4 reuses them, and the terminal shows each request, the guest's stdout and a guest
 * stopped at its deadline.
 */
import { expect, test } from '@playwright/test';
import { join, resolve } from 'node:path';
import { freePort, startSwerveUp, stop } from '../fixtures/swerve-up-process.ts';

const P3_DIR = join(resolve(import.meta.dirname, '../..'), 'components/fixtures/http-p3');

test('swerve up serves a WASI 0.3 component: it answers, reuses its instance, and a request past --request-timeout is answered 504 in the terminal too', async ({
  page,
}) => {
  const { child, up } = await startSwerveUp([
    P3_DIR,
    '--port',
    String(await freePort()),
    '--request-timeout',
    '1',
  ]);
  try {
    await page.goto(`${up.url}hello`);
    await expect(page.locator('body')).toHaveText('hello from wasi 0.3', { timeout: 45_000 });
    await expect.poll(() => up.output()).toMatch(/^GET \/hello → 200 \(http-p3\) in \d+\.\d ms$/m);

    // Requests from the page share an instance: their counts go up one by one (from the count
    // of the request that showed the page, unless a second passed without one since).
    const counts = await page.evaluate(async () => {
      const seen = [];
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`/count/${i}`);
        await response.text();
        seen.push(Number(response.headers.get('x-instance-requests')));
      }
      return seen;
    });
    expect(counts[4]).toBeGreaterThanOrEqual(5);
    expect(counts).toEqual(counts.map((_, i) => counts[0]! + i));

    // What the guest writes to stdout shows in the terminal, as under spin up.
    expect(await page.evaluate(() => fetch('/print').then((response) => response.status))).toBe(200);
    await expect.poll(() => up.output()).toContain('[http-p3] wasi 0.3 says hello on stdout');

    const looping = await page.evaluate(() => fetch('/loop').then((response) => response.status));
    expect(looping).toBe(504);
    await expect.poll(() => up.output()).toMatch(/^GET \/loop → 504 \(http-p3\) in \d+\.\d ms$/m);
    await expect
      .poll(() => up.output())
      .toContain(
        'GET /loop answered 504: http-p3/http-p3 was stopped while handling GET /loop (route /...): its deadline of 1 s passed',
      );
    // The stopped instance is not reused: the next request starts a fresh one.
    const after = await page.evaluate(async () => {
      const response = await fetch('/after');
      return { body: await response.text(), count: response.headers.get('x-instance-requests') };
    });
    expect(after).toEqual({ body: 'hello from wasi 0.3\n', count: '1' });
  } finally {
    await stop(child);
  }
});
