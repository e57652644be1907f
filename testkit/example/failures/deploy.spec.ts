// These fail on purpose: each shows how a failure reads. (The package's own test checks the messages.)
import { expect, test } from '@swerve/playwright';

test.describe('a manifest that is not valid', () => {
  test.use({ spinApp: 'apps/bad-manifest' });
  test('fails with the manifest line', async ({ app }) => {
    expect(app).toBeDefined();
  });
});

test.describe('a required variable without a value', () => {
  test.use({ spinApp: 'apps/greeter' });
  test('fails naming the variable', async ({ app }) => {
    expect(app).toBeDefined();
  });
});

test.describe('a core module instead of a component', () => {
  test.use({ spinApp: 'apps/core-module' });
  test('fails saying what the file is', async ({ app }) => {
    expect(app).toBeDefined();
  });
});
