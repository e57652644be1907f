/**
 * Which files of the app folder the components mount, by their `files` and `exclude_files`:
 * exactly the files the host would place in a component's tree (`wasi/file-tree.ts` applies the
 * same rules again at deploy, per component), so the server offers those and nothing else.
 *
 * Spin's rules: https://spinframework.dev/writing-apps#including-files-with-components
 */
import picomatch from 'picomatch/posix';
import type { FileMount } from '../manifest/types.ts';

/** The part of a component that says which files it mounts. */
export interface ComponentFiles {
  id: string;
  files: readonly FileMount[];
  excludeFiles: readonly string[];
}

/** A `files` entry that cannot be served, and why. */
export interface SelectionProblem {
  componentId: string;
  entry: string;
  reason: 'outside' | 'nothing';
}

/** As `wasi/file-tree.ts` normalises manifest paths. */
function normalise(path: string): string {
  return path.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

function escapes(path: string): boolean {
  return path === '..' || path.startsWith('../') || path.includes('/../') || path.endsWith('/..');
}

function describe(mount: FileMount): string {
  return mount.kind === 'glob'
    ? JSON.stringify(mount.pattern)
    : `{ source = ${JSON.stringify(mount.source)}, destination = ${JSON.stringify(mount.destination)} }`;
}

/** Where a mount's files can be: the part of its path before any glob ('' is the whole folder). */
function rootOf(mount: FileMount): string {
  if (mount.kind === 'placement') return normalise(mount.source) === '.' ? '' : normalise(mount.source);
  const scan = picomatch.scan(normalise(mount.pattern));
  return scan.isGlob ? scan.base : normalise(mount.pattern);
}

/**
 * The folders (or single files) to list so that every file a component may mount is found,
 * relative to the app folder, none inside another. Entries that reach outside the folder are
 * left out here and reported by {@link selectFiles}.
 */
export function walkRoots(components: readonly ComponentFiles[]): string[] {
  const roots = components
    .flatMap((component) => component.files.map(rootOf))
    .filter((root) => !escapes(root))
    .sort();
  return roots.filter(
    (root, i) =>
      !roots.slice(0, i).some((other) => other === root || other === '' || root.startsWith(`${other}/`)),
  );
}

/**
 * The files, among `paths` (every file under the {@link walkRoots}, `/`-separated, relative to
 * the app folder), that some component mounts and does not exclude; with a problem for each
 * entry that reaches outside the folder or (for `{ source, destination }`) names nothing.
 */
export function selectFiles(
  components: readonly ComponentFiles[],
  paths: readonly string[],
): { selected: string[]; problems: SelectionProblem[] } {
  const selected = new Set<string>();
  const problems: SelectionProblem[] = [];
  for (const component of components) {
    const excluded = component.excludeFiles.length
      ? picomatch(component.excludeFiles.map(normalise), { dot: true })
      : () => false;
    for (const mount of component.files) {
      const entry = describe(mount);
      if (escapes(rootOf(mount))) {
        problems.push({ componentId: component.id, entry, reason: 'outside' });
        continue;
      }
      let matches: (path: string) => boolean;
      if (mount.kind === 'glob') {
        matches = picomatch(normalise(mount.pattern), { dot: true });
      } else {
        const source = rootOf(mount);
        matches = (path) => source === '' || path === source || path.startsWith(`${source}/`);
        if (!paths.some(matches)) {
          problems.push({ componentId: component.id, entry, reason: 'nothing' });
          continue;
        }
      }
      for (const path of paths) if (matches(path) && !excluded(path)) selected.add(path);
    }
  }
  return { selected: [...selected].sort(), problems };
}
