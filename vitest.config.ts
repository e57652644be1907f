import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const preview2Shim = fileURLToPath(
  new URL('./node_modules/@bytecodealliance/preview2-shim/dist/', import.meta.url),
);
const preview3Shim = fileURLToPath(
  new URL('./node_modules/@bytecodealliance/preview3-shim/dist/', import.meta.url),
);

// Unit tests for the environment-agnostic core: `*.test.ts` beside the code, run under Node.
export default defineConfig({
  // The playground's state classes (`*.svelte.ts`) use runes, which Svelte's compiler turns into code.
  plugins: [svelte({ configFile: false })],
  // Tests run as SSR modules, whose resolution takes its own conditions: `swerve`'s sources, not dist/.
  ssr: { resolve: { conditions: ['swerve-source'], externalConditions: ['swerve-source'] } },
  resolve: {
    // The `swerve` package's exports resolve to its sources here (decision 0023).
    conditions: ['swerve-source', 'module', 'node', 'development|production'],
    // The host runs preview2-shim's and preview3-shim's browser builds in every runtime; under
    // Node the packages would resolve to their Node builds, whose streams and filesystem are
    // other classes (and whose exit ends the process).
    alias: [
      { find: /^@bytecodealliance\/preview3-shim\/([a-z-]+)$/, replacement: `${preview3Shim}browser/$1.js` },
      {
        find: /^@bytecodealliance\/preview2-shim\/instantiation$/,
        replacement: `${preview2Shim}common/instantiation.js`,
      },
      { find: /^@bytecodealliance\/preview2-shim\/([a-z-]+)$/, replacement: `${preview2Shim}browser/$1.js` },
      { find: /^@bytecodealliance\/preview2-shim$/, replacement: `${preview2Shim}browser/index.js` },
    ],
  },
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
    // Processed by Vite, so that the aliases above apply inside the package too.
    server: { deps: { inline: [/@bytecodealliance\/preview[23]-shim/] } },
  },
});
