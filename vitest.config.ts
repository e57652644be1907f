import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const preview2Shim = fileURLToPath(
  new URL('./node_modules/@bytecodealliance/preview2-shim/dist/', import.meta.url),
);
const preview3Shim = fileURLToPath(
  new URL('./node_modules/@bytecodealliance/preview3-shim/dist/browser/', import.meta.url),
);

// Unit tests for the environment-agnostic core: `*.test.ts` beside the code, run under Node.
export default defineConfig({
  resolve: {
    // The host runs preview2-shim's browser build in every runtime; under Node the package would
    // resolve to its Node build, whose streams and filesystem are other classes.
    alias: [
      {
        find: /^@bytecodealliance\/preview2-shim\/instantiation$/,
        replacement: `${preview2Shim}common/instantiation.js`,
      },
      { find: /^@bytecodealliance\/preview2-shim\/([a-z-]+)$/, replacement: `${preview2Shim}browser/$1.js` },
      { find: /^@bytecodealliance\/preview2-shim$/, replacement: `${preview2Shim}browser/index.js` },
      // Likewise preview3-shim (the WASI 0.3 host side's `wasi:http/types`).
      { find: /^@bytecodealliance\/preview3-shim\/([a-z-]+)$/, replacement: `${preview3Shim}$1.js` },
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
