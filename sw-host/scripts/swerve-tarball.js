// @ts-check
/**
 * The `swerve` tarball for the packed tests: this package's (sw-host/scripts/pack-and-test.js)
 * and the test kit's (testkit/scripts/pack-and-test.js), which installs it beside the kit.
 * `npm pack` makes it (its prepack builds dist/ and stages the target environment's WIT), once
 * per content: the tarball is kept in node_modules/.cache/swerve-tarball/, named by a hash of
 * what it is made from, so `npm run test:testkit` packs it once rather than twice.
 *
 * The hash covers dist/'s build hash (the sources, the build script, the lock file: build.js
 * runs first, so it is current), the package manifest, bin/, the target environment's own
 * files, and every WIT file under components/ (the staged worlds' WIT comes from there and from
 * jco, which the lock file pins).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoDir = dirname(packageDir);
const cacheDir = join(repoDir, 'node_modules/.cache/swerve-tarball');
/** What `npm pack` names it. */
const PACKED_NAME = 'swerve-0.1.0.tgz';

/** Every file under `dir` whose name passes `keep`, sorted, skipping node_modules. @param {string} dir @param {(name: string) => boolean} keep */
function filesUnder(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && keep(entry.name) && !/[\\/]node_modules([\\/]|$)/.test(entry.parentPath),
    )
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A hash of what the tarball is made from (dist/ must be built). */
function inputsHash() {
  const hash = createHash('sha256');
  const files = [
    join(packageDir, 'dist/build-hash.txt'),
    join(packageDir, 'package.json'),
    ...filesUnder(join(packageDir, 'bin'), () => true),
    ...filesUnder(join(packageDir, 'target-environment'), () => true).filter(
      (file) => !file.startsWith(join(packageDir, 'target-environment/wit/')),
    ),
    ...filesUnder(join(repoDir, 'components'), (name) => name.endsWith('.wit')),
  ];
  for (const file of files) hash.update(`${relative(repoDir, file)}\0`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The path of a `swerve` tarball packed from the current sources, and whether it was packed
 * before (by the other packed test, or an earlier run).
 * @returns {{ path: string, reused: boolean }}
 */
export function swerveTarball() {
  execFileSync('node', [join(packageDir, 'scripts/build.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const path = join(cacheDir, `swerve-${inputsHash()}.tgz`);
  if (existsSync(path)) return { path, reused: true };
  const scratch = join(cacheDir, `packing-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  try {
    execFileSync('npm', ['pack', '--workspace', 'sw-host', '--pack-destination', scratch, '--silent'], {
      cwd: repoDir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Only the newest is worth keeping: an older one would never be asked for again.
    for (const old of readdirSync(cacheDir).filter((name) => name.endsWith('.tgz')))
      rmSync(join(cacheDir, old), { force: true });
    renameSync(join(scratch, PACKED_NAME), path);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { path, reused: false };
}
