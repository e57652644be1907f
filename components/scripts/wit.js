// @ts-check
/**
 * Stages the WIT folder componentize-js builds against: this package's own `wit/` (the worlds
 * and Spin's interfaces) plus the WASI packages at the version the engine needs.
 *
 * The WASI packages are derived from the WASI 0.2.12 WIT that jco ships, re-versioned to
 * 0.2.10: StarlingMonkey exports `wasi:http/incoming-handler@0.2.10`, and the 0.2.x patch
 * releases declare the same interfaces. Deriving them at build time keeps them in step with
 * the installed toolchain instead of carrying a hand-kept copy.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WASI_VERSION = '0.2.10';
const SHIPPED_WASI_VERSION = '0.2.12';
/** The WASI 0.3 release jco ships, staged as is for worlds that use it (see stageWitP3). */
export const WASI_P3_VERSION = '0.3.0';

const componentsDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const witSourceDir = join(componentsDir, 'wit');

/** Where jco keeps the WASI WIT it ships (`dist/api.js` sits beside `lib/`). */
export function shippedWasiDir(version = SHIPPED_WASI_VERSION) {
  const jcoApi = fileURLToPath(import.meta.resolve('@bytecodealliance/jco'));
  return join(dirname(jcoApi), '..', 'lib', 'wit', 'builtin', version);
}

/**
 * Writes the staged WIT into a fresh temporary folder, so that parallel builds never share one,
 * and returns its path. The caller removes it.
 * @returns {Promise<string>}
 */
export async function stageWit() {
  const stagedDir = await mkdtemp(join(tmpdir(), 'swerve-wit-'));
  await cp(witSourceDir, stagedDir, { recursive: true });
  await stageWasiP2(join(stagedDir, 'deps'));
  return stagedDir;
}

/**
 * Writes jco's WASI 0.2 packages, re-versioned to WASI_VERSION, into `depsDir`, each in a
 * folder named after the package plus `suffix`.
 * @param {string} depsDir
 * @param {string} [suffix]
 */
async function stageWasiP2(depsDir, suffix = '') {
  const wasiDir = shippedWasiDir();
  let packages;
  try {
    packages = await readdir(wasiDir);
  } catch {
    throw new Error(
      `[swerve] Could not find jco's WASI ${SHIPPED_WASI_VERSION} WIT at ${wasiDir}. ` +
        'Run npm ci; if jco was upgraded, update SHIPPED_WASI_VERSION in components/scripts/wit.js.',
    );
  }
  for (const name of packages) {
    const text = await readFile(join(wasiDir, name, 'package.wit'), 'utf8');
    const target = join(depsDir, `${name}${suffix}`);
    await mkdir(target, { recursive: true });
    await writeFile(
      join(target, 'package.wit'),
      text.replaceAll(`@${SHIPPED_WASI_VERSION}`, `@${WASI_VERSION}`),
    );
  }
}

/**
 * The WASI 0.3 release candidate Spin 4.0 builds for. Its interfaces declare the same types and
 * functions as 0.3.0's, only under another version (docs/decisions/0018-wasi-0-3.md), so its
 * packages are staged from jco's 0.3.0 WIT re-versioned.
 */
export const WASI_P3_RC_VERSION = '0.3.0-rc-2026-03-15';

/**
 * Stages a WASI 0.3 world: the given folder (an app's own `wit/`, whose world names
 * `wasi:*@0.3.0` interfaces) plus the WASI 0.3.0 packages jco ships, and beside them
 * the WASI 0.2 packages at WASI_VERSION: a real WASI 0.3 component imports both (Rust's std on
 * wasm32-wasip2 brings WASI 0.2 imports), and the two releases' packages differ only in their
 * version, which the WIT resolver keeps apart. It is kept apart from the 0.2 staging above so
 * that WASI 0.2 worlds never see the 0.3 packages.
 *
 * With `version` (WASI_P3_RC_VERSION), the app's world and the WASI 0.3 packages are staged at
 * that version instead, so one world builds a component of either release.
 * @param {string} witDir
 * @param {string} [version]
 * @returns {Promise<string>}
 */
export async function stageWitP3(witDir, version = WASI_P3_VERSION) {
  const stagedDir = await mkdtemp(join(tmpdir(), 'swerve-wit-p3-'));
  await cp(witDir, stagedDir, { recursive: true });
  const reversion = (/** @type {string} */ text) =>
    version === WASI_P3_VERSION ? text : text.replaceAll(`@${WASI_P3_VERSION}`, `@${version}`);
  for (const name of await readdir(stagedDir)) {
    if (!name.endsWith('.wit')) continue;
    const path = join(stagedDir, name);
    await writeFile(path, reversion(await readFile(path, 'utf8')));
  }
  const wasiDir = shippedWasiDir(WASI_P3_VERSION);
  let packages;
  try {
    packages = await readdir(wasiDir);
  } catch {
    throw new Error(
      `[swerve] Could not find jco's WASI ${WASI_P3_VERSION} WIT at ${wasiDir}. ` +
        'Run npm ci; if jco was upgraded, update WASI_P3_VERSION in components/scripts/wit.js.',
    );
  }
  for (const name of packages) {
    await mkdir(join(stagedDir, 'deps', name), { recursive: true });
    const text = await readFile(join(wasiDir, name, 'package.wit'), 'utf8');
    await writeFile(join(stagedDir, 'deps', name, 'package.wit'), reversion(text));
  }
  await stageWasiP2(join(stagedDir, 'deps'), `-${WASI_VERSION}`);
  return stagedDir;
}
