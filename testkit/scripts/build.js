#!/usr/bin/env node
// @ts-check
/**
 * Builds the package into dist/ (run by `npm pack` through `prepack`):
 * - dist/host/: the host's browser scripts, bundled exactly as for the site
 *   (sw-host/src/vite-plugin/build-host-scripts.ts), plus the kit's driver page and its script;
 * - dist/index.js: the fixtures and the kit's server, one ES module for Node with the host code
 *   it uses (manifest parser, app-folder reader, origins) bundled in: nothing at run time comes
 *   from this repository's TypeScript sources, and only `@playwright/test` is imported;
 * - dist/index.d.ts, dist/types.d.ts: the declarations of the public API (self-contained).
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { build, runnerImport } from 'vite';

const kitDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoDir = dirname(kitDir);
const distDir = join(kitDir, 'dist');
const hostDir = join(distDir, 'host');
const started = performance.now();

/** A hash of what the host build is made from: the host's and the kit's sources, and the lock file. */
async function buildId() {
  const hash = createHash('sha256');
  for (const dir of [join(repoDir, 'sw-host/src'), join(kitDir, 'src')]) {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    const files = entries
      .filter((entry) => entry.isFile() && !/\.test(-helper)?\.ts$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) hash.update(`${relative(repoDir, file)}\0`).update(await readFile(file));
  }
  hash.update(await readFile(join(repoDir, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

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

// The host's browser scripts and the driver page.
/** @type {{ module: typeof import('../src/driver-api.ts') }} */
const { module: api } = await runnerImport(join(kitDir, 'src/driver-api.ts'));
/** @type {{ module: typeof import('../../sw-host/src/vite-plugin/build-host-scripts.ts') }} */
const { module: hostScripts } = await runnerImport(
  join(repoDir, 'sw-host/src/vite-plugin/build-host-scripts.ts'),
);
const id = await buildId();
await hostScripts.buildHostScripts(hostDir, id, {}, [
  { entry: join(kitDir, 'src/driver/driver.ts'), fileName: api.DRIVER_SCRIPT_PATH.slice(1) },
]);
await writeFile(join(hostDir, api.DRIVER_PAGE_PATH.slice(1)), driverHtml(api.DRIVER_SCRIPT_PATH));
await writeFile(join(hostDir, 'kit-build.json'), `${JSON.stringify({ build: id })}\n`);

// The Node side, one module. It transpiles the user's components with jco's generator (a
// component itself, with two core modules read from beside the bundle), which runs on
// preview2-shim's browser build here as in the host: the Node build would start a worker thread.
const preview2Shim = join(repoDir, 'node_modules/@bytecodealliance/preview2-shim/dist/');
const jcoVendor = join(repoDir, 'node_modules/@bytecodealliance/jco-transpile/vendor/');
await build({
  configFile: false,
  root: kitDir,
  envDir: false,
  logLevel: 'warn',
  resolve: {
    alias: [
      {
        find: /^@bytecodealliance\/preview2-shim\/([a-z-]+)$/,
        replacement: `${preview2Shim}browser/$1.js`,
      },
    ],
  },
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: join(kitDir, 'src/index.ts'),
    outDir: distDir,
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      external: [/^@playwright\/test(\/.*)?$/, /^node:/, ...builtinModules],
      // A one-off build: how long each plugin took is noise here.
      checks: { bundlerTimings: false },
      output: { format: 'es', entryFileNames: 'index.js', codeSplitting: false },
    },
  },
});

for (const name of ['js-component-bindgen-component.core.wasm', 'js-component-bindgen-component.core2.wasm'])
  await copyFile(join(jcoVendor, name), join(distDir, name));

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
console.log(
  `@swerve/playwright built in ${((performance.now() - started) / 1000).toFixed(1)} s (host ${id}).`,
);
