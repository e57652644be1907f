#!/usr/bin/env node
// @ts-check
/**
 * Builds the runner and every example and fixture app under components/: for each component with a
 * `[component.<id>.build]` section, runs its `command` (as `spin build` would) and transpiles
 * the resulting component for the browser host.
 *
 * A component build takes ~10 s and ~800 MB, so each one is skipped when a hash of its inputs
 * (its `watch` files, the command, our WIT, the build scripts and the toolchain versions) matches
 * the hash recorded by the last build.
 *
 *   node scripts/build.js [--force] [app-folder ...]
 */
import { availableParallelism } from 'node:os';
import { dirname, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import { buildComponent } from './build-component.js';
import { readAppBuilds } from './app-builds.js';

const componentsDir = dirname(dirname(fileURLToPath(import.meta.url)));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { force: { type: 'boolean', default: false } },
});

const appDirs = positionals.length
  ? positionals
  : (
      await glob(['runner/spin.toml', 'examples/*/spin.toml', 'fixtures/*/spin.toml'], {
        cwd: componentsDir,
        absolute: true,
      })
    )
      .map((manifest) => dirname(manifest))
      .sort();

const builds = (await Promise.all(appDirs.map(readAppBuilds))).flat();
// Two at a time: each build is CPU-bound and takes ~800 MB.
const parallel = Math.max(1, Math.min(2, availableParallelism()));
const started = performance.now();
/** @type {Awaited<ReturnType<typeof buildComponent>>[]} */
const results = [];
let failed = false;
const queue = [...builds];
await Promise.all(
  Array.from({ length: parallel }, async () => {
    for (let build = queue.shift(); build; build = queue.shift()) {
      try {
        results.push(await buildComponent(build, { force: values.force }));
      } catch (error) {
        failed = true;
        console.error(`[swerve] ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }),
);

for (const result of results.sort((a, b) => a.label.localeCompare(b.label))) {
  const what = result.rebuilt ? `built in ${(result.buildMs / 1000).toFixed(1)} s` : 'up to date';
  const size =
    result.componentBytes < 2 ** 20
      ? `${(result.componentBytes / 2 ** 10).toFixed(1)} KiB`
      : `${(result.componentBytes / 2 ** 20).toFixed(1)} MiB`;
  console.log(`${result.label.padEnd(28)} ${size.padStart(9)}  ${what}`);
}
console.log(
  `${results.length} component(s) in ${relative(process.cwd(), componentsDir) || '.'} ready in ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (failed) process.exit(1);
