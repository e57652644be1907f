/**
 * Every request gets a fresh instance, as in Spin, though the host reuses memories between
 * instances (docs/decisions/0010): the `counter` fixture counts in memory and in a global and
 * grows its memory by a page per request, so any state kept from an earlier request shows.
 * (Where V8 keeps a deployed component's compiled code: e2e/tests/code-cache.spec.ts.)
 */
import { expect, test } from '@swerve/playwright';

test.use({ spinApp: '../components/fixtures/counter' });

test('a component counting in memory and in a global sees 1 on every request, at its initial size', async ({
  app,
}) => {
  for (let i = 0; i < 5; i++) {
    const response = await app.fetch('/');
    expect(response.status()).toBe(200);
    expect(await response.text()).toBe('memory=1 global=1 pages=2\n');
  }
  // In flight together, each still has an instance of its own.
  const together = await Promise.all(Array.from({ length: 8 }, () => app.fetch('/')));
  expect(await Promise.all(together.map((response) => response.text()))).toEqual(
    Array(8).fill('memory=1 global=1 pages=2\n'),
  );
});
