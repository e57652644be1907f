/**
 * A project as a Spin app zip and back. The zip holds one folder named after the app, with the
 * spin.toml and every file beside it, so `unzip app.zip && cd app && spin up` runs it unchanged.
 * Importing accepts that layout or files at the zip's root.
 */
import { zipSync, type Zippable } from 'fflate';
import { checkAppPath } from '../project/app-path.ts';
import { MANIFEST_PATH } from '../project/project.ts';
import { checkDeclaredSizes, listZip, readEntry } from './zip-reader.ts';

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

/**
 * The zip of `files` in one folder. A path that could land outside that folder when unzipped
 * (`../x`, `/x`, `a\b`) is refused with an error naming it: an export never writes one.
 */
export function toZip(folder: string, files: ZipEntry[]): Uint8Array {
  const tree: Zippable = {};
  checkAppPath(folder);
  for (const { path, bytes } of files) {
    checkAppPath(path);
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
    .filter((e) => !isLeftOut(e.path));
}

/** Files an app folder holds that are not the app: version control, dependencies, Spin's cache. */
function isLeftOut(path: string): boolean {
  return /(^|\/)(\.git|node_modules|\.spin)\//.test(path) || /(^|\/)\.DS_Store$/.test(path);
}

/**
 * The files of a zip (folders, and what `appFiles` leaves out, never unpacked). Throws a ZipError
 * (lib/export/zip-reader.ts) for an entry whose path is unsafe and for one over the limits, before
 * anything is inflated.
 */
export async function fromZip(bytes: Uint8Array): Promise<ZipEntry[]> {
  const wanted = listZip(bytes).filter((e) => !e.name.endsWith('/') && !isLeftOut(e.name));
  checkDeclaredSizes(wanted);
  const files: ZipEntry[] = [];
  for (const entry of wanted) files.push({ path: entry.name, bytes: await readEntry(bytes, entry) });
  return files;
}
