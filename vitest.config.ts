import { defineConfig } from 'vitest/config';

// Unit tests for the environment-agnostic core: `*.test.ts` beside the code, run under Node.
export default defineConfig({
  test: {
    include: [
      'sw-host/src/**/*.test.ts',
      'components/**/*.test.{js,ts}',
      'site/src/**/*.test.ts',
      'playground/src/**/*.test.ts',
      'e2e/bench/**/*.test.ts',
      'testkit/src/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
  },
});
