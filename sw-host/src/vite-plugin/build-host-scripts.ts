/**
 * Bundles the host's two scripts into the site's output: the service worker (`/sw.js`, one
 * self-contained ES module: a module worker should not depend on chunks a later deploy may
 * remove) and the bootstrap page's script. Each is a separate build, so nothing is shared.
 *
 * These are app builds, not library builds, so that `new URL('./x.wasm', import.meta.url)` in
 * jco's generator becomes an emitted asset (a library build would inline 3.5 MB as base64).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { BOOTSTRAP_SCRIPT_PATH, SERVICE_WORKER_PATH, SWERVE_PREFIX } from '../protocol/paths.ts';

const srcDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** A script to bundle: its entry module (absolute path) and its file name in the output. */
export interface HostScript {
  entry: string;
  fileName: string;
}

const SCRIPTS: HostScript[] = [
  { entry: join(srcDir, 'sw/main.ts'), fileName: SERVICE_WORKER_PATH.slice(1) },
  { entry: join(srcDir, 'client/bootstrap.ts'), fileName: BOOTSTRAP_SCRIPT_PATH.slice(1) },
];

/** Bundles the worker, the bootstrap script and any `extra` page scripts into `outDir`. */
export async function buildHostScripts(
  outDir: string,
  buildId: string,
  extra: HostScript[] = [],
): Promise<void> {
  for (const { entry, fileName } of [...SCRIPTS, ...extra]) {
    await build({
      configFile: false,
      // Independent of the directory the build was started from.
      root: srcDir,
      envDir: false,
      logLevel: 'warn',
      define: { __SWERVE_BUILD__: JSON.stringify(buildId) },
      resolve: { alias: { 'node:fs/promises': join(srcDir, 'vite-plugin', 'node-fs-stub.ts') } },
      build: {
        outDir,
        emptyOutDir: false,
        copyPublicDir: false,
        target: 'es2023',
        sourcemap: true,
        minify: true,
        rolldownOptions: {
          input: entry,
          // jco's generated modules start with a "use components" directive that bundling drops, harmlessly.
          onLog(level, log, handler) {
            if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
          },
          preserveEntrySignatures: false,
          output: {
            format: 'es',
            entryFileNames: fileName,
            assetFileNames: `${SWERVE_PREFIX.slice(1)}assets/[name]-[hash][extname]`,
            codeSplitting: false,
          },
        },
      },
    });
  }
}
