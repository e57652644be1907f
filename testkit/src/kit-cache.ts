/**
 * Where the kit keeps what it may reuse across runs (components it transpiled): the project's
 * `node_modules/.cache/swerve/`, where tools keep caches and which git and linters ignore; the
 * system's temporary folder when there is no node_modules above the working directory.
 */
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export async function kitCacheDir(from = process.cwd()): Promise<string> {
  for (let dir = from; ; dir = dirname(dir)) {
    if ((await stat(join(dir, 'node_modules')).catch(() => undefined))?.isDirectory())
      return join(dir, 'node_modules/.cache/swerve/prepared');
    if (dirname(dir) === dir) return join(tmpdir(), 'swerve-playwright-prepared');
  }
}
