/**
 * A component's files (`files` in its manifest), as the directory tree preview2-shim's
 * in-memory filesystem mounts at `/`.
 *
 * Spin mounts them read-only. preview2-shim's in-memory files are writable (in place), so each
 * instance gets its own copy of the tree whose file bytes are copied on first access: a guest
 * may write to its copy, but nothing it writes reaches another request.
 */
import picomatch from 'picomatch/posix';
import type { FileMount } from '../manifest/types.ts';
import { SwerveError } from '../errors.ts';

/** preview2-shim's in-memory directory entry. */
export interface DirectoryNode {
  dir: Record<string, TreeNode>;
}
/** preview2-shim's in-memory file entry. */
export interface FileNode {
  source: Uint8Array;
}
export type TreeNode = DirectoryNode | FileNode;

/** App files by path relative to the app folder, `/`-separated, no leading `./` or `/`. */
export type AppFiles = Readonly<Record<string, Uint8Array>>;

function normalise(path: string): string {
  return path.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

function place(root: DirectoryNode, guestPath: string, bytes: Uint8Array, label: string): void {
  const parts = guestPath.split('/').filter(Boolean);
  let directory = root;
  for (const part of parts.slice(0, -1)) {
    const next = (directory.dir[part] ??= { dir: {} });
    if (!('dir' in next)) {
      throw new SwerveError(
        'manifest-invalid',
        `${label}: the files entries put "${guestPath}" inside "${part}", which they also make a file. ` +
          'Change the files (or exclude_files) in spin.toml so that no file stands where a directory must.',
      );
    }
    directory = next;
  }
  directory.dir[parts.at(-1)!] = { source: bytes };
}

/**
 * Builds the tree for a component's `files` and `exclude_files` over the app's files.
 * `label` names the component in errors.
 */
export function buildFileTree(
  mounts: readonly FileMount[],
  excludeFiles: readonly string[],
  files: AppFiles,
  label: string,
): DirectoryNode {
  const root: DirectoryNode = { dir: {} };
  const excluded = excludeFiles.length ? picomatch(excludeFiles.map(normalise), { dot: true }) : () => false;
  const paths = Object.keys(files).sort();
  for (const mount of mounts) {
    if (mount.kind === 'glob') {
      const matches = picomatch(normalise(mount.pattern), { dot: true });
      for (const path of paths) {
        if (matches(path) && !excluded(path)) place(root, path, files[path]!, label);
      }
      continue;
    }
    const source = normalise(mount.source);
    const destination = mount.destination.replace(/\/+$/, '');
    if (source in files) {
      if (!excluded(source)) place(root, destination, files[source]!, label);
      continue;
    }
    const prefix = source === '' || source === '.' ? '' : `${source}/`;
    const inside = paths.filter((path) => path.startsWith(prefix));
    if (inside.length === 0) {
      throw new SwerveError(
        'manifest-invalid',
        `${label}: files entry { source = "${mount.source}", destination = "${mount.destination}" } names ` +
          'nothing among the app files. Check the path, relative to spin.toml.',
      );
    }
    for (const path of inside) {
      if (!excluded(path)) place(root, `${destination}/${path.slice(prefix.length)}`, files[path]!, label);
    }
  }
  return root;
}

/** A private copy of the tree for one instance; file bytes are copied when first touched. */
export function instanceFileTree(node: DirectoryNode): DirectoryNode {
  const dir: Record<string, TreeNode> = {};
  for (const [name, child] of Object.entries(node.dir)) {
    if ('dir' in child) {
      dir[name] = instanceFileTree(child);
    } else {
      const shared = child.source;
      let own: Uint8Array | undefined;
      dir[name] = {
        get source() {
          return (own ??= shared.slice());
        },
        set source(bytes: Uint8Array) {
          own = bytes;
        },
      };
    }
  }
  return { dir };
}

/** Whether the tree holds any file. */
export function isEmptyTree(node: DirectoryNode): boolean {
  return Object.keys(node.dir).length === 0;
}
