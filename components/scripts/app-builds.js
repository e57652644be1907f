// @ts-check
/**
 * Reads an app's spin.toml and lists the components it builds: those with a
 * `[component.<id>.build]` section and a local `.wasm` source.
 */
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parse } from 'smol-toml';

/**
 * @typedef {object} ComponentBuild
 * @property {string} label     `app/component`, for messages.
 * @property {string} appDir    The folder holding spin.toml.
 * @property {string} id        The component id.
 * @property {string} command   The build command, run by a shell.
 * @property {string} workdir   Where the command runs (the app folder unless `workdir` is set).
 * @property {string[]} watch   Globs of the component's source files, relative to `workdir`.
 * @property {string} source    The absolute path of the component the command writes.
 */

/**
 * @param {string} appDir
 * @returns {Promise<ComponentBuild[]>}
 */
export async function readAppBuilds(appDir) {
  const manifestPath = join(appDir, 'spin.toml');
  const manifest = /** @type {any} */ (parse(await readFile(manifestPath, 'utf8')));
  /** @type {ComponentBuild[]} */
  const builds = [];
  // Version 2 keys components by id (`[component.<id>]`); version 1 lists them (`[[component]]` with `id`).
  const components = Array.isArray(manifest.component)
    ? manifest.component.map((/** @type {any} */ component) => [component.id, component])
    : Object.entries(manifest.component ?? {});
  for (const [id, component] of components) {
    const build = component.build;
    if (!build) continue;
    if (typeof component.source !== 'string' || !component.source.endsWith('.wasm')) {
      throw new Error(
        `${manifestPath}: [component.${id}] has a build section but its source is not a local .wasm path.`,
      );
    }
    const workdir = resolve(appDir, build.workdir ?? '.');
    builds.push({
      label: `${basename(appDir)}/${id}`,
      appDir,
      id,
      command: build.command,
      workdir,
      watch: build.watch ?? [],
      source: resolve(appDir, component.source),
    });
  }
  return builds;
}
