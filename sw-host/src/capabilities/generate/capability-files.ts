/**
 * Every file generated from the capability table, in Node: the published worlds and Spin target
 * environment (sw-host/target-environment/), the host-side TypeScript types jco generates from
 * those worlds (capabilities/wit-types/), and the Node pipeline's transpile options
 * (component/generate-options.json). `npm run generate:capabilities` writes them
 * (sw-host/scripts/generate-capabilities.js); capability-files.test.ts checks the committed
 * ones are current.
 *
 * The types are committed rather than built: typechecking needs no build step, and a jco upgrade
 * that changes them shows up as a diff to review.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _addPreopen } from '@bytecodealliance/preview2-shim/filesystem';
import { generateHostTypes } from '@bytecodealliance/jco-transpile';
import { format, resolveConfig } from 'prettier';
import { HOST_WORLDS, HOST_WORLDS_PACKAGE, hostWorldsWit, worldImports } from '../host-worlds.ts';
import { JSPI_EXPORTS, JSPI_IMPORTS } from '../jspi-imports.ts';
import { TARGET_ENVIRONMENT_FILE, TARGET_WIT_DIR, targetEnvironmentToml } from '../target-environment.ts';
import { WASI_P2_CAPABILITIES, WASI_P3_CAPABILITIES } from '../host-capabilities.ts';

/** The repository's root. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Where each generated file goes, relative to the repository's root. */
export const TARGET_ENVIRONMENT_DIR = 'sw-host/target-environment';
export const WIT_TYPES_DIR = 'sw-host/src/capabilities/wit-types';
export const GENERATE_OPTIONS_FILE = 'sw-host/src/component/generate-options.json';
const WORLD_FILE = `${TARGET_ENVIRONMENT_DIR}/${TARGET_WIT_DIR}/world.wit`;

/** Where jco keeps the WASI WIT it ships, by release. */
const JCO_WASI_WIT = join(REPO_ROOT, 'node_modules/@bytecodealliance/jco/lib/wit/builtin');

/**
 * Writes the worlds' WIT folder, with every package they import in `deps/`, into `witDir`:
 * what Spin reads through the target environment and jco generates the types from.
 */
export async function stageWorldsWit(witDir: string): Promise<void> {
  const deps = join(witDir, 'deps');
  await mkdir(deps, { recursive: true });
  await writeFile(join(witDir, 'world.wit'), hostWorldsWit());
  const capabilities = [...WASI_P2_CAPABILITIES, ...WASI_P3_CAPABILITIES];
  const wasiVersions = new Set(capabilities.filter((entry) => !entry.wit).map((entry) => entry.witVersion));
  for (const version of wasiVersions) {
    const shipped = join(JCO_WASI_WIT, version);
    let packages: string[];
    try {
      packages = await readdir(shipped);
    } catch {
      throw new Error(
        `No WASI ${version} WIT at ${shipped}: jco ships other releases now. Set the WIT versions in ` +
          'sw-host/src/capabilities/wasi-versions.ts to ones jco ships, or give the capability its own `wit`.',
      );
    }
    for (const name of packages)
      await cp(join(shipped, name), join(deps, `${name}@${version}`), { recursive: true });
  }
  const own = new Set(capabilities.flatMap((entry) => entry.wit ?? []));
  for (const path of own)
    await cp(join(REPO_ROOT, path), join(deps, path.split('/').pop()!), { recursive: true });
}

async function formatted(path: string, text: string): Promise<string> {
  const options = await resolveConfig(join(REPO_ROOT, path));
  return format(text, { ...options, filepath: join(REPO_ROOT, path) });
}

/** The generate-options.json text: its options as they are, with the table's JSPI list. */
async function generateOptionsJson(): Promise<string> {
  const current = JSON.parse(await readFile(join(REPO_ROOT, GENERATE_OPTIONS_FILE), 'utf8')) as {
    asyncMode: { val: { imports: string[]; exports: string[] } };
  };
  current.asyncMode.val = { imports: [...JSPI_IMPORTS], exports: [...JSPI_EXPORTS] };
  return formatted(GENERATE_OPTIONS_FILE, JSON.stringify(current, null, 2));
}

/**
 * The worlds the types are generated from: each published world's imports that no earlier world
 * has. jco names a type file after the interface without its version, so one world importing
 * both WASI 0.2's and 0.3's `wasi:cli/environment` would get one file for the two.
 */
function typeWorlds(): { name: string; wit: string }[] {
  const seen = new Set<string>();
  return HOST_WORLDS.map((world) => {
    const imports = worldImports(world).filter((name) => !seen.has(name));
    for (const name of imports) seen.add(name);
    const wit = [
      `world ${world.name}-types {`,
      ...imports.map((name) => `  import ${name};`),
      `  export ${world.handler};`,
      '}',
    ].join('\n');
    return { name: world.name, wit };
  });
}

/** A world's host-side types, by path: `wit-types/<world>/…`. */
async function worldTypes(witDir: string, world: string): Promise<[string, string][]> {
  // jco's type generator reads the WIT through WASI: let it see the real filesystem. (The types
  // are the browser build's; Node's, which runs here, maps a virtual path to a host path.)
  (_addPreopen as unknown as (virtualPath: string, hostPath: string) => void)('/', '/');
  const files = await generateHostTypes(witDir, {
    worldName: `${world}-types`,
    instantiation: { tag: 'async' },
  });
  const typed: [string, string][] = [];
  for (const [name, bytes] of Object.entries(files)) {
    const path = `${WIT_TYPES_DIR}/${world}/${name}`;
    typed.push([path, await formatted(path, new TextDecoder().decode(bytes as Uint8Array))]);
  }
  return typed;
}

/**
 * Every generated file that is committed, by path from the repository's root. The worlds' WIT
 * dependencies (WASI's and Spin's packages) are not: `writeCapabilityFiles` stages them.
 */
export async function capabilityFiles(): Promise<Map<string, string>> {
  const scratch = await mkdtemp(join(tmpdir(), 'swerve-worlds-'));
  try {
    await stageWorldsWit(scratch);
    const typeWit = typeWorlds().map((world) => world.wit);
    await writeFile(join(scratch, 'types.wit'), [`package ${HOST_WORLDS_PACKAGE};`, ...typeWit].join('\n\n'));
    const files = new Map<string, string>([
      [WORLD_FILE, hostWorldsWit()],
      [`${TARGET_ENVIRONMENT_DIR}/${TARGET_ENVIRONMENT_FILE}`, targetEnvironmentToml()],
      [GENERATE_OPTIONS_FILE, await generateOptionsJson()],
    ]);
    for (const world of HOST_WORLDS) {
      for (const [path, text] of await worldTypes(scratch, world.name)) files.set(path, text);
      // The published world itself resolves against the staged packages, as Spin will resolve
      // it (jco's generator parses WIT with the same parser Spin uses).
      await generateHostTypes(scratch, { worldName: world.name, instantiation: { tag: 'async' } });
    }
    return files;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The files under `dir` (relative to the repository's root), by path from the root. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(join(REPO_ROOT, dir), { recursive: true, withFileTypes: true }).catch(
    () => [],
  );
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(REPO_ROOT, join(entry.parentPath, entry.name)));
}

/** The committed files that differ from what the table generates, or are left over. */
export async function staleCapabilityFiles(): Promise<string[]> {
  const files = await capabilityFiles();
  const stale: string[] = [];
  for (const [path, text] of files) {
    const committed = await readFile(join(REPO_ROOT, path), 'utf8').catch(() => undefined);
    if (committed !== text) stale.push(path);
  }
  for (const path of await filesUnder(WIT_TYPES_DIR)) if (!files.has(path)) stale.push(path);
  return stale;
}

/** Writes every generated file, replacing the types folder whole, and stages the WIT's deps. */
export async function writeCapabilityFiles(): Promise<string[]> {
  const files = await capabilityFiles();
  await rm(join(REPO_ROOT, WIT_TYPES_DIR), { recursive: true, force: true });
  for (const [path, text] of files) {
    await mkdir(dirname(join(REPO_ROOT, path)), { recursive: true });
    await writeFile(join(REPO_ROOT, path), text);
  }
  const witDir = join(REPO_ROOT, TARGET_ENVIRONMENT_DIR, TARGET_WIT_DIR);
  await rm(join(witDir, 'deps'), { recursive: true, force: true });
  await stageWorldsWit(witDir);
  return [...files.keys()];
}
