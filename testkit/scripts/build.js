#!/usr/bin/env node
// @ts-check
/**
 * Builds the package into dist/ (run by `npm pack` through `prepack`):
 * - dist/driver/: the kit's driver page and its script (with the `swerve/client` code it uses
 *   bundled in). The host itself (service worker, host page, workers) is not copied: it comes
 *   from the `swerve` package the kit depends on (`swerve/node`, testkit/src/host-build.ts);
 * - dist/index.js: the fixtures and the kit's server, one ES module for Node that imports only
 *   `@playwright/test` and `swerve` (its Node API, `swerve/node`);
 * - dist/index.d.ts, dist/types.d.ts: the declarations of the public API (self-contained).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { build, defaultClientConditions, runnerImport } from 'vite';

const kitDir = dirname(dirname(fileURLToPath(import.meta.url)));
const distDir = join(kitDir, 'dist');
const driverDir = join(distDir, 'driver');
const started = performance.now();
/** In this repository `swerve`'s exports resolve to its sources (decision 0023). */
const conditions = ['swerve-source', ...defaultClientConditions];

/** @param {string} script */
function driverHtml(script) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Swerve test kit</title>
    <link rel="icon" href="data:," />
    <script type="module" src="${script}"></script>
  </head>
  <body>
    <p>The Swerve test kit's driver page: it connects to the app under test and deploys it.</p>
  </body>
</html>
`;
}

await rm(distDir, { recursive: true, force: true });

// The driver page and its script, one self-contained module (it is served, not imported).
/** @type {{ module: typeof import('../src/driver-api.ts') }} */
const { module: api } = await runnerImport(join(kitDir, 'src/driver-api.ts'), {
  resolve: { conditions },
});
await build({
  configFile: false,
  root: kitDir,
  envDir: false,
  logLevel: 'warn',
  resolve: { conditions },
  build: {
    outDir: driverDir,
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2023',
    minify: true,
    rolldownOptions: {
      input: join(kitDir, 'src/driver/driver.ts'),
      checks: { bundlerTimings: false },
      output: { format: 'es', entryFileNames: api.DRIVER_SCRIPT_PATH.slice(1), codeSplitting: false },
    },
  },
});
await writeFile(join(driverDir, api.DRIVER_PAGE_PATH.slice(1)), driverHtml(api.DRIVER_SCRIPT_PATH));

// The Node side, one module; `swerve` stays a dependency (its prebuilt host is found beside it).
await build({
  configFile: false,
  root: kitDir,
  envDir: false,
  logLevel: 'warn',
  ssr: { target: 'node' },
  build: {
    ssr: join(kitDir, 'src/index.ts'),
    outDir: distDir,
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      external: [/^@playwright\/test(\/.*)?$/, /^swerve(\/.*)?$/, /^node:/, ...builtinModules],
      // A one-off build: how long each plugin took is noise here.
      checks: { bundlerTimings: false },
      output: { format: 'es', entryFileNames: 'index.js', codeSplitting: false },
    },
  },
});
const bundled = await readFile(join(distDir, 'index.js'), 'utf8');
if (/sw-host\/src|swerve-source/.test(bundled)) throw new Error("dist/index.js bundles swerve's sources.");

// Declarations of the public API: index.ts and types.ts import nothing from the host.
for (const name of ['index', 'types']) {
  const source = await readFile(join(kitDir, `src/${name}.ts`), 'utf8');
  const { outputText, diagnostics } = ts.transpileDeclaration(source, {
    fileName: `${name}.ts`,
    compilerOptions: { isolatedDeclarations: true, allowImportingTsExtensions: true, strict: true },
    reportDiagnostics: true,
  });
  if (diagnostics?.length) {
    const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n');
    throw new Error(`Declarations of src/${name}.ts: ${text}`);
  }
  const declarations = outputText.replace(/from '\.\/([\w-]+)\.ts'/g, "from './$1.js'");
  if (/from '\.\/(?!types\.js')/.test(declarations))
    throw new Error(`src/${name}.ts: its declarations import modules that are not published.`);
  await writeFile(join(distDir, `${name}.d.ts`), declarations);
}

await mkdir(distDir, { recursive: true });
console.log(`@swerve/playwright built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
