/**
 * The host build shipped in the package (`dist/host/`, bundled when the package is packed): the
 * service worker, the host page and its scripts, and the kit's driver page. Read once per worker.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Written beside the built files: the build id the worker reports. */
export const BUILD_INFO_FILE = 'kit-build.json';

export interface PackagedHost {
  build: string;
  /** URL path → file. */
  files: Map<string, string>;
}

/** `dist/host`, beside the bundle this module ends up in (`dist/index.js`). */
export function packagedHostDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'host');
}

export async function readPackagedHost(dir = packagedHostDir()): Promise<PackagedHost> {
  const info = await readFile(join(dir, BUILD_INFO_FILE), 'utf8').catch(() => {
    throw new Error(
      `[swerve] @swerve/playwright has no host build at ${dir}. The package was not built: ` +
        'reinstall it from its tarball (npm pack builds it).',
    );
  });
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile() || entry.name === BUILD_INFO_FILE) continue;
    const file = join(entry.parentPath, entry.name);
    files.set(`/${relative(dir, file).split(sep).join('/')}`, file);
  }
  return { build: (JSON.parse(info) as { build: string }).build, files };
}
