/**
 * Which of a project's files the runner component evaluates: the files mounted into a component
 * whose `source` is the runner (`runner.wasm`). A syntax error there breaks every request, so the
 * playground checks those files before it deploys; other JavaScript (a static site's script,
 * say) is served as it is and left to the browser that loads it.
 */
import { parse } from 'smol-toml';

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The project folders (`''` for the whole project) mounted into runner components of `manifest`. */
export function runnerMounts(manifest: string): string[] {
  let toml: Table;
  try {
    toml = parse(manifest) as Table;
  } catch {
    return [];
  }
  const components = isTable(toml['component']) ? toml['component'] : {};
  const mounts = new Set<string>();
  for (const component of Object.values(components)) {
    if (!isTable(component) || typeof component['source'] !== 'string') continue;
    if (component['source'].split('/').pop() !== 'runner.wasm') continue;
    const files = Array.isArray(component['files']) ? component['files'] : [];
    for (const entry of files) {
      // `{ source = "src", destination = "/" }` mounts a folder; a string is a glob, whose folder
      // part (before the first wildcard) is what it can match.
      const source = isTable(entry) ? entry['source'] : entry;
      if (typeof source !== 'string') continue;
      const folder = isTable(entry) ? source : source.replace(/[*?[{].*$/, '').replace(/[^/]*$/, '');
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
