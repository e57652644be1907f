/**
 * The version of what `swerve up` would deploy: a hash of everything that changes the deployed
 * app. The bootstrap page compares it with the version it last deployed, so a rebuilt component,
 * an edited manifest or a changed file is redeployed.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { LoadedApp } from './load-app.ts';

/**
 * SHA-256 of files, remembered while their size, modification time and inode stay the same,
 * so asking again (every bootstrap visit) does not re-read a 10 MB component.
 */
export class FileHasher {
  readonly #known = new Map<string, { stamp: string; hash: string }>();

  async hash(path: string): Promise<string> {
    const info = await stat(path);
    const stamp = `${info.size}:${info.mtimeMs}:${info.ino}`;
    const known = this.#known.get(path);
    if (known?.stamp === stamp) return known.hash;
    const hash = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
    this.#known.set(path, { stamp, hash });
    return hash;
  }
}

/** The version of `app` deployed with `variables` on the host build `hostBuild`. */
export async function appVersion(
  app: LoadedApp,
  variables: Readonly<Record<string, string>>,
  hostBuild: string,
  hasher: FileHasher,
): Promise<string> {
  const hash = createHash('sha256');
  const add = (...parts: string[]) => parts.forEach((part) => hash.update(`${part}\0`));
  add('host', hostBuild, 'name', app.name, 'manifest', app.manifestText);
  for (const [key, path] of [...app.deployFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    add('file', key, path, await hasher.hash(app.served.get(path)!));
  }
  for (const name of Object.keys(variables).sort()) add('variable', name, variables[name]!);
  return hash.digest('hex').slice(0, 24);
}
