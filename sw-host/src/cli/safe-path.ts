/**
 * Paths between the manifest, the disk and URLs. The server only ever serves files from an
 * allowlist built at load time (the manifest, the components' sources, their `files`), looked up
 * by exact relative path; these functions keep everything on that list inside the app folder.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_FILES_PREFIX } from './up-protocol.ts';

/** A file inside the app folder: where it is on disk, and its `/`-separated path in the folder. */
export interface InsidePath {
  absolute: string;
  relative: string;
}

/**
 * The file a manifest-relative path names, or `undefined` when it is not strictly inside
 * `appDir` (`../x`, an absolute path elsewhere, the folder itself). Lexical only: the caller
 * also checks where symbolic links lead.
 */
export function resolveInside(appDir: string, manifestPath: string): InsidePath | undefined {
  const absolute = resolve(appDir, manifestPath);
  const inFolder = relative(appDir, absolute);
  if (inFolder === '' || inFolder === '..' || inFolder.startsWith(`..${sep}`) || isAbsolute(inFolder)) {
    return undefined;
  }
  return { absolute, relative: inFolder.split(sep).join('/') };
}

/** Whether `child` (an absolute path) is strictly inside `dir`. */
export function isInside(dir: string, child: string): boolean {
  const inFolder = relative(dir, child);
  return inFolder !== '' && inFolder !== '..' && !inFolder.startsWith(`..${sep}`) && !isAbsolute(inFolder);
}

/**
 * The key a deploy looks a component's source up by: the manifest's path with a leading `./`
 * or `/` removed, exactly as `apps/deploy.ts` normalises it.
 */
export function deployKey(manifestPath: string): string {
  return manifestPath.replace(/^\.\//, '').replace(/^\/+/, '');
}

/** The URL path a file of the folder is served at: each segment percent-encoded. */
export function urlPathFor(relativePath: string): string {
  return APP_FILES_PREFIX + relativePath.split('/').map(encodeURIComponent).join('/');
}

/**
 * The folder-relative path a URL path under {@link APP_FILES_PREFIX} asks for, or `undefined`
 * when it is not one (other prefix, bad percent-encoding, an encoded `/`, empty or dot segments).
 */
export function relativeFromUrlPath(pathname: string): string | undefined {
  if (!pathname.startsWith(APP_FILES_PREFIX)) return undefined;
  const segments: string[] = [];
  for (const raw of pathname.slice(APP_FILES_PREFIX.length).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments.join('/');
}
