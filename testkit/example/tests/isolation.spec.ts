// Every test gets a fresh app at an origin of its own: its stores start empty, whichever worker
// runs it and whatever ran before. These tests all count the same path, in parallel.
import { expect, test } from '@swerve/playwright';

test.use({ spinApp: 'apps/kv-counter' });

for (const run of [1, 2, 3, 4]) {
  test(`counts from one, run ${run}`, async ({ app }) => {
    for (const expected of [1, 2, 3]) {
      expect(await (await app.fetch('/shared')).json()).toEqual({ path: '/shared', count: expected });
    }
    expect(await app.kv().keys()).toEqual(['visits:/shared']);
  });
}
