/**
 * What the kit serves at its origins: the host build of the installed `swerve` package (its
 * prebuilt service worker, host page and scripts, `swerve/node`), and the kit's own driver page
 * and script (`dist/driver/`, built when the kit is packed). Read once per worker.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHostBuild, type PrebuiltHost } from 'swerve/node';

export interface PackagedHost {
  build: string;
  /** URL path → file. */
  files: Map<string, string>;
}

/** `dist/driver`, beside the bundle this module ends up in (`dist/index.js`). */
export function packagedDriverDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'driver');
}

/** Files in `dir` that describe a build rather than being served. */
const BUILD_INFO = new Set(['host-build.json', 'kit-build.json']);

/** The swerve host's files with the driver's (in `driverDir`, laid out as served) added. */
export async function readPackagedHost(
  driverDir = packagedDriverDir(),
  host?: PrebuiltHost,
): Promise<PackagedHost> {
  const swerve = host ?? (await ensureHostBuild());
  const files = new Map(swerve.files);
  const entries = await readdir(driverDir, { withFileTypes: true, recursive: true }).catch(() => {
    throw new Error(
      `[swerve] @swerve/playwright has no driver page at ${driverDir}. The package was not built: ` +
        'reinstall it from its tarball (npm pack builds it).',
    );
  });
  for (const entry of entries) {
    if (!entry.isFile() || BUILD_INFO.has(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    files.set(`/${relative(driverDir, file).split(sep).join('/')}`, file);
  }
  return { build: swerve.build, files };
}
