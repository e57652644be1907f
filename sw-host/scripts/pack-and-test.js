#!/usr/bin/env node
// @ts-check
/**
 * The `swerve` package's own test, as a Spin developer meets it: packs it, installs the tarball
 * alone in an empty project in a temporary folder outside the workspace, and there:
 * - `npx swerve --version` prints the version as `spin --version` does;
 * - `npx swerve up` serves an app built by the components pipeline (examples/hello, a
 *   JavaScript component) and a non-JavaScript one (fixtures/minimal, written in WebAssembly
 *   text), each answered by the service worker in Chromium;
 * - `npx swerve watch` serves an app, and a reload of its tab shows a changed component;
 * - `swerve/embed` (the embed API, for docs sites that bundle it) imports and asks for its site;
 * - then, with Vite installed beside it, a tiny Vite project using `swerve/vite` hosts an app.
 * It prints the tarball's size. (The test kit's own packed test installs this tarball too: it is
 * packed once per content, scripts/swerve-tarball.js.)
 *
 *   node sw-host/scripts/pack-and-test.js [--keep]    (after npm run build:components)
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/scripts/chromium-path.js';
import { swerveTarball } from './swerve-tarball.js';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoDir = dirname(packageDir);
const componentsDir = join(repoDir, 'components');
const keep = process.argv.includes('--keep');
const started = performance.now();
/** Ports of this test's servers (the kit's packed test uses 4214). */
const PORTS = { up: 4221, wat: 4222, watch: 4223, vite: 4224 };
/** How long a server may take to say it serves, and a page to show an app's answer. */
const START_TIMEOUT_MS = 60_000;
const PAGE_TIMEOUT_MS = 30_000;
const HELLO_TEXT = 'Hello from a WebAssembly component!';
const WAT_TEXT = 'hello from wat';
/** An embedder the Vite project's settings allow: it must reach the built scripts. */
const EMBEDDER = 'https://docs.example.com';

/** @param {string} message */
function fail(message) {
  console.error(`pack-and-test (swerve): ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const versionOf = (/** @type {string} */ name) =>
  JSON.parse(readFileSync(join(repoDir, 'node_modules', name, 'package.json'), 'utf8')).version;

/** Copies a pipeline-built app (spin.toml and dist/, with the pipeline's transpiled output) into `to`. */
function copyApp(/** @type {string} */ from, /** @type {string} */ to) {
  const source = join(componentsDir, from);
  if (!existsSync(join(source, 'dist')))
    fail(`${source}/dist is missing: run npm run build:components first.`);
  mkdirSync(to, { recursive: true });
  copyFileSync(join(source, 'spin.toml'), join(to, 'spin.toml'));
  cpSync(join(source, 'dist'), join(to, 'dist'), { recursive: true });
}

/**
 * Starts `npx <args>` in `cwd` (its own process group, so stopping it stops npx's child too)
 * and resolves once its output matches `ready`.
 * @param {string[]} args @param {string} cwd @param {RegExp} ready
 */
function startServer(args, cwd, ready) {
  const child = spawn('npx', args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`npx ${args.join(' ')} did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (/** @type {Buffer} */ chunk) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({ stop, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npx ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

/**
 * Opens `url` in a fresh context and waits for the page to show `text` (the app's answer,
 * after the first visit installed the host and deployed the app). Returns the page.
 * @param {import('@playwright/test').Browser} browser @param {string} url @param {string} text
 */
async function showsApp(browser, url, text) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.getByText(text).first().waitFor({ timeout: PAGE_TIMEOUT_MS });
  const again = await page.goto(url);
  if (!again?.fromServiceWorker()) fail(`a second visit to ${url} was not answered by the service worker`);
  if (!(await page.innerText('body')).includes(text)) fail(`${url} no longer shows "${text}"`);
  return page;
}

const found = findChromium();
if (!found) fail('no Chromium: run node e2e/scripts/ensure-chromium.js, which says what to install.');
const work = mkdtempSync(join(tmpdir(), 'swerve-package-'));
const project = join(work, 'project');
/** @type {{ stop(): void }[]} */
const servers = [];
/** @type {import('@playwright/test').Browser | undefined} */
let browser;
try {
  // 1. The tarball, as `npm pack` makes it (prepack builds the package), packed once per content
  // (scripts/swerve-tarball.js: the kit's packed test installs the same one).
  const { path: tarball, reused } = swerveTarball();
  if (!existsSync(tarball)) fail(`npm pack wrote no ${tarball}`);
  const listing = execFileSync('tar', ['-tvzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  const files = listing.map((line) => line.split(/\s+/).at(-1) ?? '');
  for (const needed of [
    'package/bin/swerve.js',
    'package/dist/cli.js',
    'package/dist/host/sw.js',
    'package/dist/vite.d.ts',
    // swerve/embed: the embed API for docs sites that bundle it.
    'package/dist/embed.js',
    'package/dist/embed.d.ts',
    // The Spin target environment, with the WIT packages its worlds import staged by prepack.
    'package/target-environment/swerve.toml',
    'package/target-environment/wit/world.wit',
    'package/target-environment/wit/deps/wasi-http@0.3.0/package.wit',
  ])
    if (!files.includes(needed)) fail(`the tarball has no ${needed}`);
  if (
    files.some((file) => (file.endsWith('.ts') && !file.endsWith('.d.ts')) || /fixtures|\/src\//.test(file))
  )
    fail('the tarball holds sources or test fixtures');
  const unpacked = listing.reduce((sum, line) => sum + Number(line.split(/\s+/)[2] ?? 0), 0);
  const mib = (/** @type {number} */ bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  console.log(
    `swerve-0.1.0.tgz: ${mib(statSync(tarball).size)} packed, ${mib(unpacked)} unpacked, ${files.length} files` +
      `${reused ? ' (packed earlier from the same sources)' : ''}.`,
  );

  // 2. An empty project with the user's apps, and the tarball installed alone: no dependencies.
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'my-spin-app', private: true, type: 'module' }),
  );
  copyApp('examples/hello', join(project, 'apps/hello'));
  copyApp('fixtures/minimal', join(project, 'apps/minimal'));
  copyApp('examples/hello', join(project, 'apps/watched'));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const installed = execFileSync('npm', ['ls', '--all', '--parseable'], { cwd: project, encoding: 'utf8' })
    .trim()
    .split('\n')
    .slice(1);
  if (installed.length !== 1) fail(`installing the tarball brought other packages:\n${installed.join('\n')}`);
  console.log(`Packed and installed in ${seconds()} s (${project}).`);

  // 3. The version, as Spin prints its own.
  const version = execFileSync('npx', ['swerve', '--version'], { cwd: project, encoding: 'utf8' }).trim();
  if (!/^swerve 0\.1\.0( \([0-9a-f]+ \d{4}-\d{2}-\d{2}\))?$/.test(version))
    fail(`npx swerve --version printed "${version}"`);
  console.log(`npx swerve --version: ${version}`);

  // 3b. swerve/embed imports by its package name, builds the embed page's URL on the site it is
  // given, and says what is missing when it is given none (bundled, it cannot know its site).
  const embedCheck = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { createEmbed, embedUrl } = await import('swerve/embed');
const url = embedUrl('https://swerve.example.com/docs', 'v1.abc', { views: ['console'] });
let refusal = '';
try { createEmbed({}, { app: 'v1.abc' }); } catch (error) { refusal = error.message; }
console.log(JSON.stringify({ url, refusal }));`,
    ],
    { cwd: project, encoding: 'utf8' },
  );
  const { url: embedPageUrl, refusal } = JSON.parse(embedCheck);
  if (embedPageUrl !== 'https://swerve.example.com/embed?views=console#v1.abc')
    fail(`swerve/embed's embedUrl gave ${embedPageUrl}`);
  if (!refusal.includes('options.site is missing'))
    fail(`swerve/embed's createEmbed without a site did not say so: "${refusal}"`);
  console.log('swerve/embed imports, builds embed URLs and asks for the site it embeds from.');

  browser = await chromium.launch({ executablePath: found?.executablePath, args: CHROMIUM_ARGS });
  const serving = /Serving \S+ at (http:\/\/\S+)/;

  // 4. swerve up: a JavaScript component and a WebAssembly-text one.
  for (const [app, port, text] of /** @type {const} */ ([
    ['hello', PORTS.up, HELLO_TEXT],
    ['minimal', PORTS.wat, WAT_TEXT],
  ])) {
    const up = await startServer(['swerve', 'up', `apps/${app}`, '--port', String(port)], project, serving);
    servers.push(up);
    await showsApp(browser, `http://127.0.0.1:${port}/`, text);
    up.stop();
    console.log(`npx swerve up apps/${app}: the service worker answers "${text}".`);
  }

  // 5. swerve watch: serves, and the open tab follows a rebuilt component by itself.
  const watch = await startServer(
    ['swerve', 'watch', 'apps/watched', '--skip-build', '--port', String(PORTS.watch)],
    project,
    serving,
  );
  servers.push(watch);
  const page = await showsApp(browser, `http://127.0.0.1:${PORTS.watch}/`, HELLO_TEXT);
  copyFileSync(
    join(componentsDir, 'fixtures/minimal/dist/minimal.wasm'),
    join(project, 'apps/watched/dist/hello.wasm'),
  );
  // The app answers plain text (no script of ours in the tab): a plain reload shows the new version.
  const deadline = performance.now() + PAGE_TIMEOUT_MS;
  while (!(await page.innerText('body')).includes(WAT_TEXT)) {
    if (performance.now() > deadline)
      fail(`after the change, a reload never showed "${WAT_TEXT}":\n${watch.output()}`);
    await page.waitForTimeout(250);
    await page.reload();
  }
  watch.stop();
  console.log('npx swerve watch apps/watched: serves, and a reload shows the changed component.');

  // 6. A Vite project hosting an app with swerve/vite (Vite is the package's optional peer).
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', `vite@${versionOf('vite')}`],
    {
      cwd: project,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  writeFileSync(
    join(project, 'vite.config.js'),
    `import { swerveHost } from 'swerve/vite';
export default {
  plugins: [
    swerveHost({ apps: [{ name: 'hello', dir: 'apps/hello' }], origins: { embedders: ['${EMBEDDER}'] } }),
  ],
  preview: { host: '127.0.0.1', port: ${PORTS.vite}, strictPort: true },
};
`,
  );
  writeFileSync(
    join(project, 'index.html'),
    '<!doctype html><title>My docs</title><p>My docs, with a Spin app.</p>\n',
  );
  execFileSync('npx', ['vite', 'build'], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(join(project, 'dist/sw.js'))) fail('vite build wrote no dist/sw.js');
  // The site's origins settings reach the prebuilt scripts (written into their slot at build).
  for (const script of ['sw.js', '_swerve/host.js'])
    if (!readFileSync(join(project, 'dist', script), 'utf8').includes(EMBEDDER))
      fail(`dist/${script} does not carry the site's origins settings`);
  const preview = await startServer(['vite', 'preview'], project, /Swerve:\s+(http:\/\/\S+)/);
  servers.push(preview);
  await showsApp(browser, `http://hello.swerve.localhost:${PORTS.vite}/`, HELLO_TEXT);
  preview.stop();
  console.log('A Vite project with swerve/vite hosts the app at hello.swerve.localhost.');

  console.log(`pack-and-test (swerve) passed in ${seconds()} s.`);
} finally {
  for (const server of servers) server.stop();
  await browser?.close();
  if (keep) console.log(`Kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
