/**
 * Lists the files under some paths of the app folder, for matching `files` globs against.
 * Symbolic links to directories are not followed (they can loop, or lead out of the folder);
 * links to files are listed, and the loader checks where they lead.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

async function kind(path: string): Promise<'file' | 'dir' | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile()) return 'file';
  if (info?.isDirectory()) return 'dir';
  return undefined;
}

async function walk(appDir: string, relativeDir: string, out: string[]): Promise<void> {
  const entries = await readdir(join(appDir, relativeDir), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
    if (entry.isDirectory()) await walk(appDir, path, out);
    else if (entry.isFile() || (entry.isSymbolicLink() && (await kind(join(appDir, path))) === 'file')) {
      out.push(path);
    }
  }
}

/**
 * Every file under each of `roots` (folders or files, `/`-separated, relative to `appDir`; ''
 * for the whole folder), as `/`-separated relative paths. Roots that do not exist add nothing.
 */
export async function listFiles(appDir: string, roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const root of roots) {
    const found = root === '' ? 'dir' : await kind(join(appDir, root));
    if (found === 'file') out.push(root);
    else if (found === 'dir') await walk(appDir, root, out);
  }
  return out;
}
