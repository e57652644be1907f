/**
 * A project as a Spin app zip and back. The zip holds one folder named after the app, with the
 * spin.toml and every file beside it, so `unzip app.zip && cd app && spin up` runs it unchanged.
 * Importing accepts that layout or files at the zip's root.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { MANIFEST_PATH, normalisePath } from '../project/project.ts';

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

export function folderName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'spin-app'
  );
}

export function toZip(folder: string, files: ZipEntry[]): Uint8Array {
  const tree: Zippable = {};
  for (const { path, bytes } of files) {
    // Components are already compressed as well as they will be; storing them is much faster.
    tree[`${folder}/${path}`] = [bytes, { level: path.endsWith('.wasm') ? 0 : 6 }];
  }
  return zipSync(tree);
}

/**
 * The files of a Spin app, relative to its spin.toml: the shallowest spin.toml in the set
 * decides the app's folder, and files outside it are left out. Throws when there is none.
 */
export function appFiles(entries: ZipEntry[]): ZipEntry[] {
  const manifests = entries
    .map((e) => e.path)
    .filter((path) => path === MANIFEST_PATH || path.endsWith(`/${MANIFEST_PATH}`))
    .sort((a, b) => a.split('/').length - b.split('/').length);
  const manifest = manifests[0];
  if (manifest === undefined) {
    throw new Error('There is no spin.toml in it: a Spin app has its manifest, spin.toml, at its root.');
  }
  const prefix = manifest.slice(0, -MANIFEST_PATH.length);
  return entries
    .filter((e) => e.path.startsWith(prefix))
    .map((e) => ({ path: e.path.slice(prefix.length), bytes: e.bytes }))
    .filter((e) => !/(^|\/)(\.git|node_modules|\.spin)\//.test(e.path) && !/(^|\/)\.DS_Store$/.test(e.path));
}

/** The entries of a zip (folders left out, paths normalised). */
export function fromZip(bytes: Uint8Array): ZipEntry[] {
  const files = unzipSync(bytes);
  return Object.entries(files).flatMap(([path, content]) => {
    const normal = path.endsWith('/') ? undefined : normalisePath(path);
    return normal === undefined ? [] : [{ path: normal, bytes: content }];
  });
}
