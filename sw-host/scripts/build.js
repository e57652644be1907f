#!/usr/bin/env node
// @ts-check
/**
 * Builds the `swerve` package into dist/ (run by `npm pack` through `prepack`, and before the
 * site is built in the repository, since the site's Vite config loads `swerve/vite` from here):
 * - dist/host/: the host's browser scripts (service worker, host page, runtime and guest workers,
 *   the tools worker, the `swerve up` page scripts), bundled exactly as for the site
 *   (src/vite-plugin/build-host-scripts.ts), without source maps, so nothing is built at run time;
 * - dist/cli.js, dist/node.js, dist/vite.js: the command, the Node API and the Vite plugin, each
 *   one ES module for Node that imports only the package's declared dependencies (and Vite, a
 *   peer dependency, from dist/vite.js alone);
 * - dist/client.js, dist/component-surface.js, dist/protocol.js, dist/manifest.js: ES modules for
 *   browsers (and, the manifest parser and summary, any runtime), self-contained;
 * - dist/*.d.ts and dist/types/: the declarations.
 *
 * It skips the work when dist/ was built from the same sources (a hash in dist/build-hash.txt),
 * so `npm start` pays for it once per change of sw-host.
 *
 *   node sw-host/scripts/build.js [--force]
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, runnerImport } from 'vite';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoDir = dirname(packageDir);
const srcDir = join(packageDir, 'src');
const distDir = join(packageDir, 'dist');
/** `swerve/embed`'s entry; the code it bundles is the playground's embed API (its export `./embed-api`). */
const embedDir = join(packageDir, 'embed');
const playgroundDir = join(repoDir, 'playground');
/** Where the embed API's sources live in the playground (hashed: a change there rebuilds dist/embed.js). */
const EMBED_SOURCE_DIRS = ['src/embed/api', 'src/lib'].map((dir) => join(playgroundDir, dir));
const HASH_FILE = 'build-hash.txt';
const started = performance.now();
/** @type {{ version: string, dependencies?: Record<string, string>, peerDependencies: Record<string, string> }} */
const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));

/** A hash of what dist/ is made from: the sources, this script, the manifest, the lock file. */
async function sourcesHash() {
  const hash = createHash('sha256');
  const sources = [];
  for (const dir of [srcDir, embedDir, ...EMBED_SOURCE_DIRS]) {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    sources.push(
      ...entries
        .filter((entry) => entry.isFile() && !/\.test(-helper)?\.ts$/.test(entry.name))
        .map((entry) => join(entry.parentPath, entry.name))
        .sort(),
    );
  }
  const lock = join(repoDir, 'package-lock.json');
  for (const file of [...sources, fileURLToPath(import.meta.url), join(packageDir, 'package.json'), lock])
    hash.update(`${relative(packageDir, file)}\0`).update(await readFile(file).catch(() => ''));
  hash.update(await readFile(join(playgroundDir, 'src/embed/embed-options.ts')));
  hash.update(await readFile(join(playgroundDir, 'package.json')));
  return hash.digest('hex').slice(0, 16);
}

const id = await sourcesHash();
const built = await readFile(join(distDir, HASH_FILE), 'utf8').catch(() => '');
if (built.trim() === id && !process.argv.includes('--force')) {
  console.log(`swerve: dist/ is up to date (${id}).`);
  process.exit(0);
}

// Built beside dist/ and renamed into place: a failed build leaves no half-written package.
const outDir = `${distDir}.tmp-${process.pid}`;
await rm(outDir, { recursive: true, force: true });
process.on('exit', (code) => {
  if (code !== 0) rmSync(outDir, { recursive: true, force: true });
});

// 1. The host's browser scripts, built ahead.
/** @type {{ module: typeof import('../src/vite-plugin/build-host-scripts.ts') }} */
const { module: hostScripts } = await runnerImport(join(srcDir, 'vite-plugin/build-host-scripts.ts'));
/** @type {{ module: typeof import('../src/cli/host-build.ts') }} */
const { module: hostBuild } = await runnerImport(join(srcDir, 'cli/host-build.ts'));
/** @type {{ module: typeof import('../src/vite-plugin/prebuilt-host.ts') }} */
const { module: prebuilt } = await runnerImport(join(srcDir, 'vite-plugin/prebuilt-host.ts'));
const hostDir = join(outDir, 'host');
await hostScripts.buildHostScripts(hostDir, id, {}, hostBuild.upPageScripts(packageDir), false, true);
await writeFile(join(hostDir, prebuilt.PREBUILT_HOST_INFO), `${JSON.stringify({ build: id })}\n`);
// The Vite plugin writes a site's origins into the slot: a minifier that rewrote it would leave
// every site built from the package with the default origins.
/** @type {{ module: typeof import('../src/vite-plugin/install-prebuilt-host.ts') }} */
const { module: install } = await runnerImport(join(srcDir, 'vite-plugin/install-prebuilt-host.ts'));
for (const script of ['sw.js', '_swerve/host.js', '_swerve/client.js']) {
  if (install.originsSlotCount(await readFile(join(hostDir, script), 'utf8')) === 0)
    throw new Error(`dist/host/${script} has no origins slot for the Vite plugin to fill.`);
}

// 2. The Node entries: one module each (a shared chunk would move `import.meta.url`).
// Everything else is bundled, jco's generator included: the package has no dependencies to
// install. The generator (a component itself) runs on preview2-shim's browser build, as in the
// host (the Node build would start a worker thread), with its two core modules read from beside
// the bundle.
const preview2Shim = join(repoDir, 'node_modules/@bytecodealliance/preview2-shim/dist/');
const jcoVendor = join(repoDir, 'node_modules/@bytecodealliance/jco-transpile/vendor/');
const external = [
  /^node:/,
  ...builtinModules,
  ...[...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})].map(
    (name) => new RegExp(`^${name.replace(/[/.]/g, '\\$&')}(/.*)?$`),
  ),
];
/** The version line's text (`swerve --version`): as Spin's, with the commit and its date when known. */
function versionText() {
  try {
    const [commit, date] = execFileSync('git', ['log', '-1', '--format=%h %cs'], {
      cwd: packageDir,
      encoding: 'utf8',
    })
      .trim()
      .split(' ');
    return `${manifest.version} (${commit} ${date})`;
  } catch {
    return manifest.version;
  }
}
const version = versionText();
for (const [name, entry] of [
  ['cli', 'cli/main.ts'],
  ['node', 'node/index.ts'],
  ['vite', 'vite-plugin/index.ts'],
]) {
  await build({
    configFile: false,
    root: packageDir,
    envDir: false,
    logLevel: 'warn',
    define: {
      __SWERVE_PREBUILT_HOST__: JSON.stringify('./host/'),
      __SWERVE_VERSION__: JSON.stringify(version),
    },
    resolve: {
      alias: [
        // The command and the Node API serve the prebuilt host; only dist/vite.js builds (sources).
        ...(name === 'vite' ? [] : [{ find: /^vite$/, replacement: join(packageDir, 'scripts/no-vite.js') }]),
        {
          find: /^@bytecodealliance\/preview2-shim\/([a-z-]+)$/,
          replacement: `${preview2Shim}browser/$1.js`,
        },
      ],
    },
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: join(srcDir, entry),
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        external,
        // Vite is imported (dynamically) only where the repository's sources are built: never
        // by the package's command or Node API, so it must not stay as a bare import.
        treeshake: { moduleSideEffects: (_id, isExternal) => !isExternal },
        checks: { bundlerTimings: false },
        // jco's generated modules start with a "use components" directive that bundling drops, harmlessly.
        onLog(level, log, handler) {
          if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
        },
        output: { format: 'es', entryFileNames: `${name}.js`, codeSplitting: false },
      },
    },
  });
}
// The generator's core modules: the browser's tools worker ships the same bytes (3.5 MB) under a
// hashed name in host/, so the Node bundles read that file instead of a second copy.
const hostAssets = join(hostDir, '_swerve/assets');
const assetNames = await readdir(hostAssets);
for (const name of [
  'js-component-bindgen-component.core.wasm',
  'js-component-bindgen-component.core2.wasm',
]) {
  const bytes = await readFile(join(jcoVendor, name));
  const stem = name.replace(/\.wasm$/, '');
  const twin = assetNames.find((asset) => asset.startsWith(`${stem}-`) && asset.endsWith('.wasm'));
  const shared = twin && Buffer.compare(await readFile(join(hostAssets, twin)), bytes) === 0;
  if (!shared) {
    await copyFile(join(jcoVendor, name), join(outDir, name));
    continue;
  }
  for (const bundle of ['cli.js', 'node.js']) {
    const file = join(outDir, bundle);
    const code = await readFile(file, 'utf8');
    const reference = `new URL("./${name}", import.meta.url)`;
    if (!code.includes(reference)) throw new Error(`dist/${bundle} does not load ${name} as expected.`);
    await writeFile(
      file,
      code.replaceAll(reference, `new URL("./host/_swerve/assets/${twin}", import.meta.url)`),
    );
  }
}
for (const name of ['cli', 'node']) {
  const code = await readFile(join(outDir, `${name}.js`), 'utf8');
  if (/from ["']vite["']|import\(["']vite["']\)/.test(code))
    throw new Error(`dist/${name}.js imports vite, which only swerve/vite may (a peer dependency).`);
}

// 3. The browser entries: self-contained libraries (their few dependencies bundled in).
for (const [name, entry] of [
  ['client', 'client/index.ts'],
  ['component-surface', 'component/component-binary.ts'],
  ['protocol', 'protocol/index.ts'],
  ['manifest', 'manifest/index.ts'],
  // The embed API, for docs sites that bundle it (or serve it) rather than load the Swerve site's.
  ['embed', '../embed/index.js'],
]) {
  await build({
    configFile: false,
    root: packageDir,
    envDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2023',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        input: join(srcDir, entry),
        preserveEntrySignatures: 'strict',
        checks: { bundlerTimings: false },
        output: { format: 'es', entryFileNames: `${name}.js`, codeSplitting: false },
      },
    },
  });
}

// 4. Declarations: emitted by TypeScript per runtime (page, Node), imports renamed to `.js`.
const typesDir = join(outDir, 'types');
/** @type {[string, string[]][]} */
const declarationSets = [
  [
    'tsconfig.json',
    ['client/index.ts', 'component/component-binary.ts', 'protocol/index.ts', 'manifest/index.ts'],
  ],
  ['tsconfig.node.json', ['cli/main.ts', 'node/index.ts', 'vite-plugin/index.ts']],
];
for (const [config, entries] of declarationSets) {
  const tsconfig = join(packageDir, `tsconfig.declarations-${process.pid}.json`);
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: `./${config}`,
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        rootDir: './src',
        outDir: relative(packageDir, typesDir),
      },
      include: [],
      files: entries.map((entry) => `./src/${entry}`),
    }),
  );
  try {
    execFileSync(process.execPath, [join(repoDir, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], {
      stdio: 'inherit',
    });
  } finally {
    await rm(tsconfig, { force: true });
  }
}
for (const entry of await readdir(typesDir, { withFileTypes: true, recursive: true })) {
  if (!entry.isFile()) continue;
  const file = join(entry.parentPath, entry.name);
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/(from ['"]|import\(['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3'));
}
/** @type {[string, string][]} */
const declarationEntries = [
  ['cli', 'cli/main.js'],
  ['node', 'node/index.js'],
  ['vite', 'vite-plugin/index.js'],
  ['client', 'client/index.js'],
  ['component-surface', 'component/component-binary.js'],
  ['protocol', 'protocol/index.js'],
  ['manifest', 'manifest/index.js'],
];
for (const [name, entry] of declarationEntries)
  await writeFile(join(outDir, `${name}.d.ts`), `export * from './types/${entry}';\n`);
// swerve/embed's: the playground's embed API, emitted from its sources, under a wrapper that
// makes `site` required (embed/index.d.ts).
const embedTsconfig = join(packageDir, `tsconfig.declarations-${process.pid}.json`);
await writeFile(
  embedTsconfig,
  JSON.stringify({
    extends: './tsconfig.json',
    compilerOptions: {
      noEmit: false,
      declaration: true,
      emitDeclarationOnly: true,
      rootDir: '../playground/src',
      outDir: relative(packageDir, join(typesDir, 'embed-api')),
    },
    include: [],
    files: ['../playground/src/embed/api/swerve-embed.ts'],
  }),
);
try {
  execFileSync(process.execPath, [join(repoDir, 'node_modules/typescript/bin/tsc'), '-p', embedTsconfig], {
    stdio: 'inherit',
  });
} finally {
  await rm(embedTsconfig, { force: true });
}
for (const entry of await readdir(join(typesDir, 'embed-api'), { withFileTypes: true, recursive: true })) {
  if (!entry.isFile()) continue;
  const file = join(entry.parentPath, entry.name);
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/(from ['"]|import\(['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3'));
}
await copyFile(join(embedDir, 'index.d.ts'), join(outDir, 'embed.d.ts'));

// The options jco's generator runs with, for the components pipeline's transpiling (components/).
await copyFile(join(srcDir, 'component/generate-options.json'), join(outDir, 'generate-options.json'));
await writeFile(join(outDir, HASH_FILE), `${id}\n`);
await rm(distDir, { recursive: true, force: true });
await rename(outDir, distDir);
console.log(`swerve: built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s (host ${id}).`);
