/**
 * Bundles the host's scripts into the site's output, each one self-contained ES module (a worker
 * should not depend on chunks a later deploy may remove), each a separate build: the service
 * worker (`/sw.js`), the bootstrap page's script, the host page of app origins with its
 * dedicated runtime worker and guest workers, and the page-side client for embedders.
 *
 * These are app builds, not library builds, so that `new URL('./x.wasm', import.meta.url)` in
 * jco's generator becomes an emitted asset (a library build would inline 3.5 MB as base64).
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { OriginsConfig } from '../origins/app-origins.ts';
import {
  BOOTSTRAP_SCRIPT_PATH,
  CLIENT_MODULE_PATH,
  GUEST_WORKER_PATH,
  HOST_PAGE_PATH,
  HOST_PAGE_SCRIPT_PATH,
  PREVIEW1_ADAPTER_PATH,
  RUNTIME_WORKER_PATH,
  SERVICE_WORKER_PATH,
  SWERVE_PREFIX,
  TOOLS_WORKER_PATH,
} from '../protocol/paths.ts';
import { hostPageHtml } from './host-page-html.ts';
import { lazyJcoGenerator } from './lazy-jco-generator.ts';
import { ORIGINS_SLOT_EXPRESSION } from './prebuilt-host.ts';
import { sqliteWasmTrim } from './sqlite-wasm-trim.ts';

/** Defined only in the `swerve` package's bundles (`dist/*.js`, sw-host/scripts/build.js). */
declare const __SWERVE_PREBUILT_HOST__: string | undefined;

/**
 * sw-host/src: above this module's folder, or beside `dist/` when this module is bundled there
 * (the repository's site loads `swerve/vite` from `dist/vite.js`, which builds the sources).
 */
const srcDir =
  typeof __SWERVE_PREBUILT_HOST__ === 'string'
    ? fileURLToPath(new URL('../src', import.meta.url))
    : dirname(dirname(fileURLToPath(import.meta.url)));

/** A script to bundle: its entry module (absolute path) and its file name in the output. */
export interface HostScript {
  entry: string;
  fileName: string;
  /** Keep the entry's exports (a module other pages import), instead of only running it. */
  library?: boolean;
}

const SCRIPTS: HostScript[] = [
  { entry: join(srcDir, 'sw/main.ts'), fileName: SERVICE_WORKER_PATH.slice(1) },
  { entry: join(srcDir, 'client/bootstrap.ts'), fileName: BOOTSTRAP_SCRIPT_PATH.slice(1) },
  { entry: join(srcDir, 'host-page/main.ts'), fileName: HOST_PAGE_SCRIPT_PATH.slice(1) },
  { entry: join(srcDir, 'runtime-worker/main.ts'), fileName: RUNTIME_WORKER_PATH.slice(1) },
  { entry: join(srcDir, 'guest-worker/main.ts'), fileName: GUEST_WORKER_PATH.slice(1) },
  { entry: join(srcDir, 'client/index.ts'), fileName: CLIENT_MODULE_PATH.slice(1), library: true },
  { entry: join(srcDir, 'tools-worker/main.ts'), fileName: TOOLS_WORKER_PATH.slice(1) },
];

/** jco's WASI preview 1 adapter (not in its package exports: found beside its entry module). */
function preview1Adapter(): string {
  const jcoEntry = createRequire(import.meta.url).resolve('@bytecodealliance/jco');
  return join(dirname(jcoEntry), '../lib/wasi_snapshot_preview1.reactor.wasm');
}

/**
 * Bundles the host's scripts, the host page and any `extra` page scripts into `outDir`.
 * `benchRoute`: the service worker also answers the benchmark's plain JavaScript baseline
 * (`PLAIN_ROUTE_PATH`); only benchmark builds set it, so no deployed worker has that route.
 */
export async function buildHostScripts(
  outDir: string,
  buildId: string,
  origins: OriginsConfig = {},
  extra: HostScript[] = [],
  benchRoute = false,
  /**
   * For the `swerve` package (sw-host/scripts/build.js): no source maps (the sources are not
   * shipped), and the origins left as a slot the Vite plugin fills in (vite-plugin/prebuilt-host.ts).
   */
  prebuilt = false,
): Promise<void> {
  const hostPage = join(outDir, HOST_PAGE_PATH.slice(1));
  await mkdir(dirname(hostPage), { recursive: true });
  await writeFile(hostPage, hostPageHtml());
  const adapter = join(outDir, PREVIEW1_ADAPTER_PATH.slice(1));
  await mkdir(dirname(adapter), { recursive: true });
  await copyFile(preview1Adapter(), adapter);
  for (const { entry, fileName, library } of [...SCRIPTS, ...extra]) {
    await build({
      configFile: false,
      // Independent of the directory the build was started from.
      root: srcDir,
      envDir: false,
      logLevel: 'warn',
      define: {
        __SWERVE_BUILD__: JSON.stringify(buildId),
        __SWERVE_ORIGINS__: prebuilt ? ORIGINS_SLOT_EXPRESSION : JSON.stringify(origins),
        __SWERVE_BENCH_ROUTE__: JSON.stringify(benchRoute),
      },
      plugins: [lazyJcoGenerator(), sqliteWasmTrim()],
      resolve: { alias: { 'node:fs/promises': join(srcDir, 'vite-plugin', 'node-fs-stub.ts') } },
      build: {
        outDir,
        emptyOutDir: false,
        copyPublicDir: false,
        target: 'es2023',
        sourcemap: !prebuilt,
        minify: true,
        rolldownOptions: {
          input: entry,
          // jco's generated modules start with a "use components" directive that bundling drops,
          // harmlessly. Bundler timing notices are noise here: these builds are big (jco's generator) by design.
          onLog(level, log, handler) {
            if (log.code !== 'MODULE_LEVEL_DIRECTIVE' && log.code !== 'PLUGIN_TIMINGS') handler(level, log);
          },
          preserveEntrySignatures: library ? 'strict' : false,
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
