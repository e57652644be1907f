// The variables and stores a test gives the app reach its component as they would under spin up.
import { expect, test } from '@swerve/playwright';

test.use({
  spinApp: 'apps/settings',
  variables: { api_token: 'test-token' },
  keyValues: { cache: { hit: 'from the test' } },
});

test('the component reads the variable and the seeded store of another label', async ({ app }) => {
  const res = await app.fetch('/?var=token&kv-label=cache&kv-get=hit');
  const { probes } = await res.json<{ probes: { var: unknown; kv: unknown } }>();
  expect(probes.var).toEqual({ ok: 'test-token' });
  expect(probes.kv).toEqual({ ok: { value: 'from the test', keys: ['hit'] } });
  expect(await app.kv('cache').keys()).toEqual(['hit']);
  expect(await app.kv().keys()).toEqual([]);
});
