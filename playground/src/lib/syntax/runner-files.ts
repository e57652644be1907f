/**
 * Which of a project's files the runner component evaluates: the files mounted into a component
 * whose `source` is the runner (`runner.wasm`). A syntax error there breaks every request, so the
 * playground checks those files before it deploys; other JavaScript (a static site's script,
 * say) is served as it is and left to the browser that loads it.
 */
import { summariseManifest } from 'swerve/manifest';

/** The project folders (`''` for the whole project) mounted into runner components of `manifest`. */
export function runnerMounts(manifest: string): string[] {
  const summary = summariseManifest(manifest);
  const mounts = new Set<string>();
  for (const [id, source] of Object.entries(summary?.sources ?? {})) {
    if (source.split('/').pop() !== 'runner.wasm') continue;
    for (const entry of summary?.files[id] ?? []) {
      // `{ source = "src", destination = "/" }` mounts a folder; a string is a glob, whose folder
      // part (before the first wildcard) is what it can match.
      const folder =
        typeof entry === 'string' ? entry.replace(/[*?[{].*$/, '').replace(/[^/]*$/, '') : entry.source;
      mounts.add(folder.replace(/^\.?\/+/, '').replace(/\/+$/, ''));
    }
  }
  return [...mounts];
}

/** Whether `path` is in one of the folders `mounts`. */
export function isMounted(path: string, mounts: string[]): boolean {
  return mounts.some((folder) => folder === '' || path === folder || path.startsWith(`${folder}/`));
}

/** Whether `path` is a JavaScript module the runner may evaluate under one of `mounts`. */
export function isRunnerModule(path: string, mounts: string[]): boolean {
  return /\.m?js$/i.test(path) && isMounted(path, mounts);
}
