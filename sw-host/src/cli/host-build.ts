/**
 * The host's browser scripts for `swerve up`: the service worker (built exactly as for the site,
 * by `vite-plugin/build-host-scripts.ts`) and the `swerve up` bootstrap page script.
 *
 * Installed from the `swerve` package, they were built when it was packed (`dist/host/`, found
 * through `__SWERVE_PREBUILT_HOST__`, which only the package's build defines): nothing is built
 * at run time. Run from the repository's sources, they are bundled with Vite into a cache folder
 * named by a hash of their sources, rebuilt only when sw-host's sources or the installed
 * dependencies change (about 1.5 s), so later starts are immediate.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHostScripts, type HostScript } from '../vite-plugin/build-host-scripts.ts';
import { readPrebuiltHost } from '../vite-plugin/prebuilt-host.ts';
import { UP_LIVE_SCRIPT_PATH, UP_SCRIPT_PATH } from './up-protocol.ts';

/** The package's build sets it to its `dist/host/` folder, relative to the bundle (sw-host/scripts/build.js). */
declare const __SWERVE_PREBUILT_HOST__: string | undefined;

const SW_HOST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COMPLETE = '.complete';

/**
 * `node_modules/.cache/swerve/host` in the install sw-host runs from: where tools keep caches,
 * and a folder that git, Prettier and ESLint all ignore already (a minified bundle elsewhere in
 * the repository would be linted).
 */
async function cacheRoot(): Promise<string> {
  for (let dir = SW_HOST_DIR; ; dir = dirname(dir)) {
    const modules = join(dir, 'node_modules');
    if ((await stat(modules).catch(() => undefined))?.isDirectory())
      return join(modules, '.cache/swerve/host');
    if (dirname(dir) === dir) return join(SW_HOST_DIR, 'node_modules/.cache/swerve/host');
  }
}

/** Where `swerve up` keeps other caches, beside the host builds (`node_modules/.cache/swerve/<name>`). */
export async function swerveCacheDir(name: string): Promise<string> {
  return join(dirname(await cacheRoot()), name);
}

/** A built host, ready to serve. */
export interface HostBuild {
  /** The hash its folder is named by; also the worker's build id. */
  build: string;
  /** URL path → file: everything in the build. */
  files: Map<string, string>;
  /** True when this call built it, false when it came from the cache. */
  fresh: boolean;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Finds the lock file of the install sw-host runs from: it pins every bundled dependency. */
async function lockFile(): Promise<string | undefined> {
  for (let dir = SW_HOST_DIR; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package-lock.json');
    if (await stat(candidate).catch(() => undefined)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A hash of what the bundles are made from: sw-host's sources, its manifest, the lock file. */
async function sourcesHash(): Promise<string> {
  const hash = createHash('sha256');
  const sources = (await filesUnder(join(SW_HOST_DIR, 'src'))).filter(
    (file) => !/\.test(-helper)?\.ts$/.test(file),
  );
  const lock = await lockFile();
  for (const file of [...sources, join(SW_HOST_DIR, 'package.json'), ...(lock ? [lock] : [])]) {
    hash.update(`${relative(SW_HOST_DIR, file)}\0`).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The `swerve up` page's scripts, built beside the host's own (here, and into the package). */
export function upPageScripts(swHostDir = SW_HOST_DIR): HostScript[] {
  return [
    { entry: join(swHostDir, 'src/cli/page/up-bootstrap.ts'), fileName: UP_SCRIPT_PATH.slice(1) },
    { entry: join(swHostDir, 'src/cli/page/up-live.ts'), fileName: UP_LIVE_SCRIPT_PATH.slice(1) },
  ];
}

async function buildInto(outDir: string, buildId: string): Promise<void> {
  await buildHostScripts(outDir, buildId, {}, upPageScripts());
}

async function listBuild(dir: string): Promise<Map<string, string>> {
  const files = await filesUnder(dir);
  return new Map(
    files
      .filter((file) => !file.endsWith(COMPLETE))
      .map((file) => [`/${relative(dir, file).split(sep).join('/')}`, file]),
  );
}

/** Returns the host build for the current sources, building it first if the cache has none. */
export async function ensureHostBuild(): Promise<HostBuild> {
  if (typeof __SWERVE_PREBUILT_HOST__ === 'string') {
    return { ...(await readPrebuiltHost(new URL(__SWERVE_PREBUILT_HOST__, import.meta.url))), fresh: false };
  }
  const buildId = await sourcesHash();
  const root = await cacheRoot();
  const dir = join(root, buildId);
  if (await stat(join(dir, COMPLETE)).catch(() => undefined)) {
    return { build: buildId, files: await listBuild(dir), fresh: false };
  }
  // Build beside the cache entry and rename it into place, so an interrupted build or another
  // `swerve up` building at the same time never leaves a half-written folder to be served.
  await mkdir(root, { recursive: true });
  const temporary = `${dir}.tmp-${process.pid}`;
  await rm(temporary, { recursive: true, force: true });
  await buildInto(temporary, buildId);
  await writeFile(join(temporary, COMPLETE), '');
  await rename(temporary, dir).catch(async (error: unknown) => {
    // Another `swerve up` finished the same build first: use theirs.
    await rm(temporary, { recursive: true, force: true });
    if (!(await stat(join(dir, COMPLETE)).catch(() => undefined))) throw error;
  });
  await removeStaleBuilds(root, buildId);
  return { build: buildId, files: await listBuild(dir), fresh: true };
}

/** New starts never use builds of older sources; removing them keeps the cache to one build. */
async function removeStaleBuilds(root: string, current: string): Promise<void> {
  for (const name of await readdir(root).catch(() => [])) {
    if (name !== current && !name.includes('.tmp-')) {
      await rm(join(root, name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
