/**
 * The Vite plugin's host scripts when it runs from the installed `swerve` package: the prebuilt
 * files are copied into the site's output with the site's settings written in (its origins in
 * the slot the scripts carry for them, its build id in place of the package's), instead of being
 * bundled from sources the package does not ship.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { OriginsConfig } from '../origins/app-origins.ts';
import { SwerveError } from '../errors.ts';
import { ORIGINS_SLOT_JSON, readPrebuiltHost } from './prebuilt-host.ts';

/** The slot as the minifier may have quoted it: in double quotes (escaped), single quotes or backticks. */
const ORIGINS_SLOT = new RegExp(
  [JSON.stringify(ORIGINS_SLOT_JSON), `'${ORIGINS_SLOT_JSON}'`, `\`${ORIGINS_SLOT_JSON}\``]
    .map((literal) => literal.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))
    .join('|'),
  'g',
);

/** How many origins slots `code` carries (the package's build checks that the scripts have theirs). */
export function originsSlotCount(code: string): number {
  return code.match(ORIGINS_SLOT)?.length ?? 0;
}

/** Files with text in them that may carry the build id or the origins slot. */
const TEXT_FILE = /\.(js|html|json)$/;

/**
 * Copies the prebuilt host in `hostDir` into `outDir` for a site built as `buildId` with
 * `origins`. The benchmark's plain route is not in the package's scripts: it needs the sources.
 */
export async function installPrebuiltHost(
  hostDir: string | URL,
  outDir: string,
  buildId: string,
  origins: OriginsConfig,
  benchRoute: boolean,
): Promise<void> {
  if (benchRoute)
    throw new SwerveError(
      'config-invalid',
      'swerveHost({ benchRoute: true }) needs the Swerve repository: the installed package has no benchmark route. ' +
        'Remove the option, or build the site in a clone of the repository.',
    );
  const host = await readPrebuiltHost(hostDir);
  const originsLiteral = JSON.stringify(JSON.stringify({ swerveOriginsSlot: origins }));
  for (const [urlPath, file] of host.files) {
    const target = join(outDir, urlPath.slice(1));
    await mkdir(dirname(target), { recursive: true });
    if (!TEXT_FILE.test(urlPath)) {
      await copyFile(file, target);
      continue;
    }
    const text = (await readFile(file, 'utf8'))
      .replaceAll(host.build, buildId)
      .replace(ORIGINS_SLOT, () => originsLiteral);
    await writeFile(target, text);
  }
}
