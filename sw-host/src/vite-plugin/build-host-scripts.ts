/**
 * Bundles the host's two scripts into the site's output: the service worker (`/sw.js`, one
 * self-contained ES module, since a module worker should not depend on chunks that a deploy may
 * remove) and the bootstrap page's script. Each is a separate build so nothing is shared.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { BOOTSTRAP_SCRIPT_PATH, SERVICE_WORKER_PATH } from '../protocol/paths.ts';

const srcDir = dirname(dirname(fileURLToPath(import.meta.url)));

const SCRIPTS = [
  { entry: 'sw/main.ts', fileName: SERVICE_WORKER_PATH.slice(1) },
  { entry: 'client/bootstrap.ts', fileName: BOOTSTRAP_SCRIPT_PATH.slice(1) },
];

export async function buildHostScripts(outDir: string, buildId: string): Promise<void> {
  for (const { entry, fileName } of SCRIPTS) {
    await build({
      configFile: false,
      logLevel: 'warn',
      define: { __SWERVE_BUILD__: JSON.stringify(buildId) },
      build: {
        outDir,
        emptyOutDir: false,
        copyPublicDir: false,
        target: 'es2023',
        sourcemap: true,
        lib: { entry: join(srcDir, entry), formats: ['es'], fileName: () => fileName },
        rolldownOptions: { output: { codeSplitting: false } },
      },
    });
  }
}
