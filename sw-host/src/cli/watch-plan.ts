/**
 * What `swerve watch` does about a changed file, as `spin watch` decides it: a file matching a
 * component's `[component.<id>.build] watch` globs (relative to its `workdir`) rebuilds that
 * component; any change at all re-reads the folder, and the browsers get the new version only if
 * the manifest or a deployed file (a component's .wasm, a `files` mount) really changed.
 * Pure, so it is tested without a file system.
 */
import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch/posix';
import type { AppManifest } from '../manifest/index.ts';

/** Folders no build watches and no deploy serves; watching them costs thousands of watches. */
export const NEVER_WATCHED = new Set(['node_modules', '.git', 'target', '.spin', '.swerve']);

export interface WatchedComponent {
  id: string;
  /** Absolute: where its build runs and its globs are relative to. */
  workdir: string;
  matches: (relativePath: string) => boolean;
}

/** The components with both build commands and watch globs. */
export function watchedComponents(manifest: AppManifest, appDir: string): WatchedComponent[] {
  return Object.values(manifest.components).flatMap((component) => {
    const build = component.build;
    if (!build?.commands.length || !build.watch.length) return [];
    const workdir = resolve(appDir, build.workdir ?? '.');
    return [{ id: component.id, workdir, matches: picomatch([...build.watch], { dot: true }) }];
  });
}

/** The components whose watch globs match the changed file `path` (absolute). */
export function componentsToRebuild(components: readonly WatchedComponent[], path: string): string[] {
  return components
    .filter((component) => {
      const inWorkdir = relative(component.workdir, path).split(sep).join('/');
      return !inWorkdir.startsWith('../') && component.matches(inWorkdir);
    })
    .map((component) => component.id);
}

/** Whether a change at `path` (absolute) is inside a folder that is never watched. */
export function isIgnored(appDir: string, path: string): boolean {
  return relative(appDir, path)
    .split(sep)
    .some((part) => NEVER_WATCHED.has(part));
}
