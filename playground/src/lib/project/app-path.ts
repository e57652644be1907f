/**
 * The paths a stranger's app may name: a share link's files, a zip's entries, the files a fetched
 * spin.toml names. Each is written into a project, a deploy or an exported zip, so a path that
 * could leave the app's folder once unzipped (`../x`, `/etc/x`, `C:\x`) or that means different
 * things on different systems is refused outright rather than quietly repaired.
 */

/** Why `path` is not a plain relative path inside an app, or undefined when it is one. */
export function unsafePathReason(path: string): string | undefined {
  if (path === '') return 'it is empty';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'it contains a control character';
  if (path.includes('\\')) return 'it contains a backslash (write folders with "/")';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    return 'it is absolute (a path in an app is relative to its spin.toml)';
  const segments = path.split('/');
  if (segments.includes('..')) return 'it climbs out of the app\'s folder with ".."';
  if (segments.includes('.')) return 'it has a "." segment';
  if (segments.includes('')) return 'it has an empty segment ("//" or a trailing "/")';
  return undefined;
}

/** A path that is not a plain relative path inside an app: which, and why. */
export class UnsafePathError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`The path ${JSON.stringify(path)} is not allowed: ${reason}.`);
    this.name = 'UnsafePathError';
  }
}

/** `path` itself when it is a plain relative path inside an app; throws UnsafePathError otherwise. */
export function checkAppPath(path: string): string {
  const reason = unsafePathReason(path);
  if (reason !== undefined) throw new UnsafePathError(path, reason);
  return path;
}
