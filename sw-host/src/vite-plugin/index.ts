/**
 * The Vite plugin that makes a site a Swerve host: it bundles the service worker, publishes
 * the apps built by the component pipeline with their catalog, and sets the headers the host
 * needs on `vite preview` (the production build, served as it will be deployed).
 *
 *   plugins: [swerveHost({ apps: [{ name: 'hello', dir: '../components/examples/hello' }] })]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { OriginsConfig } from '../origins/app-origins.ts';
import { CATALOG_PATH } from '../protocol/paths.ts';
import { collectSiteArtifacts, type SiteApp, type SiteArtifacts } from './app-artifacts.ts';
import { buildHostScripts } from './build-host-scripts.ts';
import { hostMiddleware, LOCAL_SITE_HOST } from './host-middleware.ts';
import { installPrebuiltHost } from './install-prebuilt-host.ts';
import { writeStaticHostFiles } from './static-host-files.ts';
import { precompressedWasmMiddleware, precompressWasm } from './precompressed-wasm.ts';

/**
 * Set by the `swerve` package's build to its `dist/host/` folder (relative to the bundle): the
 * plugin then copies the prebuilt host scripts, unless the repository's sources are beside it.
 */
declare const __SWERVE_PREBUILT_HOST__: string | undefined;

/** Where the package's scripts come from: the prebuilt folder, or (in the repository) the sources. */
function prebuiltHostDir(): URL | undefined {
  if (typeof __SWERVE_PREBUILT_HOST__ !== 'string') return undefined;
  // In a clone of the repository the bundle sits beside the sources: build them, as before.
  if (existsSync(new URL('../src/sw/main.ts', import.meta.url))) return undefined;
  return new URL(__SWERVE_PREBUILT_HOST__, import.meta.url);
}

export type { SiteApp } from './app-artifacts.ts';
export type { OriginsConfig } from '../origins/app-origins.ts';
export { originsForSite, SITE_ORIGIN_SETTING } from './site-origin.ts';

export interface SwerveHostOptions {
  /** The apps deployed with the site, each at its own origin (`<name>.<site host>`). */
  apps: SiteApp[];
  /**
   * Where apps run, and who may embed them: the one place a deployed site sets this
   * (`{ site: 'https://example.com', apps: 'https://{app}.apps.example.com' }`). By default
   * every app runs at `<key>.<site host>`, the site being served as `swerve.localhost`.
   */
  origins?: OriginsConfig;
  /**
   * The service worker also answers `/_swerve/plain` in plain JavaScript: the baseline the
   * benchmark measures components against. For benchmark builds only (`npm run bench`).
   */
  benchRoute?: boolean;
}

export function swerveHost(options: SwerveHostOptions): Plugin {
  let outDir = '';
  let artifacts: SiteArtifacts | undefined;
  const origins = options.origins ?? {};
  return {
    name: 'swerve-host',
    config() {
      return {
        // The site's own pages compute app origins with the same settings as the host.
        define: { __SWERVE_ORIGINS__: JSON.stringify(origins) },
        // No CORS from the server: Vite's default would let every *.localhost origin, so every
        // app's documents, read any origin's responses. Headers for the embeddable client are set
        // by the host's own middleware.
        preview: { cors: false },
      };
    },
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async generateBundle() {
      artifacts = await collectSiteArtifacts(options.apps);
      for (const [fileName, source] of artifacts.files) {
        this.emitFile({ type: 'asset', fileName, source });
      }
      this.emitFile({
        type: 'asset',
        fileName: CATALOG_PATH.slice(1),
        source: JSON.stringify(artifacts.catalog, null, 2),
      });
    },
    async closeBundle() {
      if (!artifacts) return;
      const prebuilt = prebuiltHostDir();
      if (prebuilt) {
        await installPrebuiltHost(
          prebuilt,
          outDir,
          artifacts.catalog.build,
          origins,
          options.benchRoute ?? false,
        );
      } else {
        await buildHostScripts(outDir, artifacts.catalog.build, origins, [], options.benchRoute ?? false);
      }
      await precompressWasm(outDir);
      // For hosts other than `vite preview`: the same headers and answers, as their configuration.
      // A site whose app pattern those cannot express is still built, for `vite preview`.
      await writeStaticHostFiles(outDir, origins).catch((error: Error) =>
        this.warn(`No static hosting files written: ${error.message}`),
      );
    },
    configurePreviewServer(server) {
      server.middlewares.use(hostMiddleware(origins));
      server.middlewares.use(precompressedWasmMiddleware(outDir));
      server.httpServer.once('listening', () => {
        const address = server.httpServer.address();
        const port = typeof address === 'object' && address ? address.port : undefined;
        const site = origins.site ?? `http://${LOCAL_SITE_HOST}${port ? `:${port}` : ''}`;
        // Printed after Vite's own URLs: this is the one to open (apps get origins under it).
        setTimeout(() => server.config.logger.info(`  ➜  Swerve:  ${site}/`), 0);
      });
    },
  };
}
