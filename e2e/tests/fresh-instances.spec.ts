/**
 * Every request gets a fresh instance, as in Spin, though the host reuses memories between
 * instances (docs/decisions/0010): the `counter` fixture counts in memory and in a global and
 * grows its memory by a page per request, so any state kept from an earlier request shows.
 */
import { readFileSync } from 'node:fs';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, test } from '../fixtures/swerve.ts';

test('a component counting in memory and in a global sees 1 on every request, at its initial size', async ({
  hostPage,
  hostFetch,
}) => {
  await serveTestFiles(hostPage);
  const outcome = await deployApp(hostPage, {
    name: 'counter',
    manifest: readFileSync(new URL('../../components/fixtures/counter/spin.toml', import.meta.url), 'utf8'),
    files: { 'dist/counter.wasm': { built: 'fixtures/counter/dist/counter.wasm' } },
  });
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);

  for (let i = 0; i < 5; i++) {
    const response = await hostFetch('/apps/counter/');
    expect(response.status).toBe(200);
    expect(response.body).toBe('memory=1 global=1 pages=2\n');
  }
  // In flight together, each still has an instance of its own.
  const together = await Promise.all(Array.from({ length: 8 }, () => hostFetch('/apps/counter/')));
  expect(together.map((r) => r.body)).toEqual(Array(8).fill('memory=1 global=1 pages=2\n'));
});
