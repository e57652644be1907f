/**
 * The Vite plugin that makes a site a Swerve host: it bundles the service worker, publishes
 * the apps built by the component pipeline with their catalog, and sets the headers the host
 * needs on `vite preview` (the production build, served as it will be deployed).
 *
 *   plugins: [swerveHost({ apps: [{ name: 'hello', dir: '../components/examples/hello' }] })]
 */
import { resolve } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { APPS_ROOT, CATALOG_PATH } from '../protocol/paths.ts';
import { collectSiteArtifacts, type SiteApp, type SiteArtifacts } from './app-artifacts.ts';
import { bootstrapHtml, isNavigation, notABrowserText } from './bootstrap-page.ts';
import { buildHostScripts } from './build-host-scripts.ts';
import { securityHeaders } from './security-headers.ts';

export type { SiteApp } from './app-artifacts.ts';

export interface SwerveHostOptions {
  /** The apps deployed with the site, each mounted at `/apps/<name>/`. */
  apps: SiteApp[];
}

/** Sets security headers, and answers app URLs that reached the server instead of the worker. */
export const hostMiddleware: Connect.NextHandleFunction = (req, res, next) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  for (const [name, value] of Object.entries(securityHeaders(url.pathname))) res.setHeader(name, value);
  if (!url.pathname.startsWith(APPS_ROOT)) return next();
  res.setHeader('cache-control', 'no-store');
  if (isNavigation(req.headers)) {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(bootstrapHtml());
  } else {
    res.statusCode = 503;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(notABrowserText(url.href));
  }
};

export function swerveHost(options: SwerveHostOptions): Plugin {
  let outDir = '';
  let artifacts: SiteArtifacts | undefined;
  return {
    name: 'swerve-host',
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
      if (artifacts) await buildHostScripts(outDir, artifacts.catalog.build);
    },
    configurePreviewServer(server) {
      server.middlewares.use(hostMiddleware);
    },
  };
}
