/**
 * The host's browser scripts as the `swerve` package ships them (`dist/host/`, written by
 * sw-host/scripts/build.js): built once when the package is packed, so an installed Swerve
 * never builds or needs TypeScript at run time. `swerve up`, the test kit and the Vite plugin
 * serve or copy these files.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SwerveError } from '../errors.ts';

/** Beside the files: `{ "build": "<id>" }`, the id the scripts were built with. */
export const PREBUILT_HOST_INFO = 'host-build.json';

/**
 * The placeholder the prebuilt scripts carry where a site's origins go: `JSON.parse` of this
 * string (`{}` in effect), so the files serve as they are with the default origins, and the Vite
 * plugin can write a site's own settings in its place (vite-plugin/install-prebuilt-host.ts).
 */
export const ORIGINS_SLOT_JSON = '{"swerveOriginsSlot":{}}';
/** What the package's build defines `__SWERVE_ORIGINS__` as. */
export const ORIGINS_SLOT_EXPRESSION = `JSON.parse(${JSON.stringify(ORIGINS_SLOT_JSON)}).swerveOriginsSlot`;

export interface PrebuiltHost {
  /** The build id the scripts report (the worker's `build`). */
  build: string;
  /** URL path (`/sw.js`, `/_swerve/...`) → file. */
  files: Map<string, string>;
}

/** Reads the prebuilt host in `dir` (a path or a `file:` URL). */
export async function readPrebuiltHost(dir: string | URL): Promise<PrebuiltHost> {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const info = await readFile(join(path, PREBUILT_HOST_INFO), 'utf8').catch(() => {
    throw new SwerveError(
      'host-unavailable',
      `The swerve package has no prebuilt host at ${path}: it was not built. ` +
        'Install it from a tarball made by `npm pack` (its prepack script builds it), or run `npm run build` in its folder.',
    );
  });
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile() || entry.name === PREBUILT_HOST_INFO) continue;
    const file = join(entry.parentPath, entry.name);
    files.set(`/${relative(path, file).split(sep).join('/')}`, file);
  }
  return { build: (JSON.parse(info) as { build: string }).build, files };
}
