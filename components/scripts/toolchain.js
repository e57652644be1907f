// @ts-check
/**
 * A fingerprint of everything besides a component's own sources that shapes its build: the
 * toolchain packages' versions, our WIT, and these build scripts.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';

const TOOLCHAIN = [
  '@bytecodealliance/componentize-js',
  '@bytecodealliance/jco-transpile',
  '@bytecodealliance/jco',
];
const componentsDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** Finds a package's version by walking up from its entry point to its package.json. */
async function packageVersion(/** @type {string} */ name) {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').then(JSON.parse, () => undefined);
    if (manifest?.name === name) return manifest.version;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not find the version of ${name}.`);
    dir = parent;
  }
}

/** @type {Promise<string> | undefined} */
let fingerprint;
export function toolchainFingerprint() {
  fingerprint ??= (async () => {
    const hash = createHash('sha256');
    for (const name of TOOLCHAIN) hash.update(`${name}@${await packageVersion(name)}\0`);
    const files = await glob(
      ['wit/**/*.wit', 'scripts/*.js', '../sw-host/src/component/generate-options.json'],
      {
        cwd: componentsDir,
        absolute: true,
      },
    );
    for (const file of files.sort()) {
      hash.update(`${file.slice(componentsDir.length)}\0`);
      hash.update(await readFile(file));
    }
    return hash.digest('hex');
  })();
  return fingerprint;
}
