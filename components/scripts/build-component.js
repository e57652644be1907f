// @ts-check
/**
 * Builds one component when its inputs changed, then transpiles it for the browser host.
 *
 * Outputs, beside the component's `source` (e.g. dist/hello.wasm):
 * - `hello.transpiled/`: jco's glue (`component.js`) and core modules (`component.core*.wasm`);
 * - `hello.build.json`: the inputs hash and sizes (see {@link BuildRecord}).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { glob } from 'tinyglobby';
import { $init, generate } from '@bytecodealliance/jco-transpile/component';
import { toolchainFingerprint } from './toolchain.js';
import generateOptions from 'swerve/generate-options.json' with { type: 'json' };

/**
 * @typedef {object} BuildRecord
 * @property {string} inputsHash
 * @property {number} componentBytes
 * @property {Record<string, number>} transpiledFiles  file name -> bytes
 * @property {number} buildMs
 * @property {number} transpileMs
 */

/** @param {string} path */
const exists = (path) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The names and contents of every input, hashed in a stable order. */
async function inputsHash(/** @type {import('./app-builds.js').ComponentBuild} */ build) {
  const hash = createHash('sha256');
  hash.update(await toolchainFingerprint());
  hash.update(`\0command\0${build.command}\0workdir\0${relative(build.appDir, build.workdir)}`);
  const files = (await glob(build.watch, { cwd: build.workdir, absolute: true })).sort();
  if (files.length === 0 && build.watch.length > 0) {
    throw new Error(`${build.label}: its watch globs (${build.watch.join(', ')}) match no files.`);
  }
  for (const file of files) {
    hash.update(`\0file\0${relative(build.workdir, file)}\0`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

/** @param {string} command @param {string} cwd */
function run(command, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, { cwd, shell: true, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise(undefined) : reject(new Error(`"${command}" exited with ${code}`)),
    );
  });
}

/** Whether `bytes` is a core module rather than a component: the binary's layer field is 0. */
function isCoreModule(/** @type {Uint8Array} */ bytes) {
  return bytes[6] === 0 && bytes[7] === 0;
}

/**
 * @param {import('./app-builds.js').ComponentBuild} build
 * @param {{ force: boolean }} options
 */
export async function buildComponent(build, { force }) {
  const recordPath = build.source.replace(/\.wasm$/, '.build.json');
  const transpiledDir = build.source.replace(/\.wasm$/, '.transpiled');
  const hash = await inputsHash(build);
  /** @type {BuildRecord | undefined} */
  const previous = await readFile(recordPath, 'utf8').then(JSON.parse, () => undefined);
  if (
    !force &&
    previous?.inputsHash === hash &&
    (await exists(build.source)) &&
    (await exists(transpiledDir))
  ) {
    return { label: build.label, rebuilt: false, componentBytes: previous.componentBytes, buildMs: 0 };
  }

  const started = performance.now();
  await run(build.command, build.workdir).catch((error) => {
    throw new Error(`${build.label}: the build command failed: ${error.message}`);
  });
  const buildMs = performance.now() - started;
  const component = await readFile(build.source).catch(() => {
    throw new Error(`${build.label}: the build command ran but wrote no ${build.source}.`);
  });

  const transpileStarted = performance.now();
  // The very options the browser host transpiles deployed components with. A core module (a
  // fixture the host componentizes at deploy) is only deployed, never published: nothing to do.
  await $init;
  const { files } = isCoreModule(component)
    ? { files: [] }
    : generate(component, /** @type {any} */ (generateOptions));
  const transpileMs = performance.now() - transpileStarted;
  await rm(transpiledDir, { recursive: true, force: true });
  await mkdir(transpiledDir, { recursive: true });
  /** @type {Record<string, number>} */
  const transpiledFiles = {};
  for (const [name, bytes] of files) {
    await mkdir(dirname(join(transpiledDir, name)), { recursive: true });
    await writeFile(join(transpiledDir, name), bytes);
    transpiledFiles[name] = bytes.byteLength;
  }

  /** @type {BuildRecord} */
  const record = {
    inputsHash: hash,
    componentBytes: component.byteLength,
    transpiledFiles,
    buildMs,
    transpileMs,
  };
  await writeFile(recordPath, JSON.stringify(record, null, 2) + '\n');
  return { label: build.label, rebuilt: true, componentBytes: component.byteLength, buildMs };
}
