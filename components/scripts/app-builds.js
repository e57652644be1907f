// @ts-check
/**
 * Reads an app's spin.toml and lists the components it builds: those with a
 * `[component.<id>.build]` section and a local `.wasm` source.
 */
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseManifest } from 'swerve/manifest';

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
  // The host's own parser (version 1 manifests converted as Spin does): a manifest it refuses
  // fails here with the line and what to do, before anything is built.
  const manifest = parseManifest(await readFile(manifestPath, 'utf8'), manifestPath);
  /** @type {ComponentBuild[]} */
  const builds = [];
  for (const [id, component] of Object.entries(manifest.components)) {
    const build = component.build;
    if (!build) continue;
    if (component.source.kind !== 'local' || !component.source.path.endsWith('.wasm')) {
      throw new Error(
        `${manifestPath}: [component.${id}] has a build section but its source is not a local .wasm path.`,
      );
    }
    const workdir = resolve(appDir, build.workdir ?? '.');
    builds.push({
      label: `${basename(appDir)}/${id}`,
      appDir,
      id,
      // Spin runs a list of commands one after the other.
      command: build.commands.join(' && '),
      workdir,
      watch: [...build.watch],
      source: resolve(appDir, component.source.path),
    });
  }
  return builds;
}
