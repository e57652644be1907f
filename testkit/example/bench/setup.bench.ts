// What each test pays before its body runs and after it ends, with nothing in between but one
// request: the kit's fixtures (the context handed over and reset, the app reset and deployed
// again) for a 12 MiB JavaScript component (echo) and a 7.7 KB WebAssembly-text one (minimal).
// Each test records its body's time; the kit's own test (scripts/pack-and-test.js) reads the
// report and prints the median and p90 of the rest: Playwright's duration minus the body. Two
// references run beside them: a test with no fixture (Playwright's own cost per test) and a
// plain Playwright test with a `page` (a fresh context and page, no app).
import { expect, test } from '@swerve/playwright';

/** Tests per component: enough that each worker's first (cold) test stays above the p90. */
const TESTS_PER_COMPONENT = 30;

for (const [component, spinApp] of [
  ['echo', 'apps/echo'],
  ['minimal', 'apps/minimal'],
] as const) {
  test.describe(component, () => {
    test.use({ spinApp });
    for (let run = 1; run <= TESTS_PER_COMPONENT; run++) {
      test(`${component} ${run}`, async ({ app }, testInfo) => {
        const started = performance.now();
        expect((await app.fetch('/bench')).status()).toBe(200);
        testInfo.annotations.push({
          type: 'swerve-bench-body',
          description: `${component} ${(performance.now() - started).toFixed(1)}`,
        });
      });
    }
  });
}

test.describe('references', () => {
  for (let run = 1; run <= TESTS_PER_COMPONENT; run++) {
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test uses from this pattern.
    test(`no fixture ${run}`, async ({}, testInfo) => {
      testInfo.annotations.push({ type: 'swerve-bench-body', description: 'no-fixture 0' });
    });
    test(`plain page ${run}`, async ({ page }, testInfo) => {
      const started = performance.now();
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      testInfo.annotations.push({
        type: 'swerve-bench-body',
        description: `plain-page ${(performance.now() - started).toFixed(1)}`,
      });
    });
  }
});
