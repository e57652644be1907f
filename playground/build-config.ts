/**
 * The playground's Vite config, shared by its own `vite build` and by the site's build, which
 * emits the playground's pages into its own output so one `vite preview` serves them all:
 * - `/playground/`: the playground;
 * - `/view`: the viewer a share link opens (`/view#v1.…`, lib/share);
 * - `/embed`: the same app embedded in another page (`/embed?views=…#v1.…`);
 * - `/swerve-embed.js`: the embed API, one ES module other sites' pages import (src/embed/api).
 * The pages are under `pages/`, laid out as they are served.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, defaultClientConditions, type InlineConfig, type Plugin } from 'vite';
import { typeLibraryModule } from './type-library.ts';

/**
 * In this repository the `swerve` package's exports resolve to its TypeScript sources (the
 * `swerve-source` condition, decision 0023), so the playground always builds the current host code.
 */
export const SOURCE_CONDITIONS = ['swerve-source', ...defaultClientConditions];

const pages = fileURLToPath(new URL('./pages/', import.meta.url));

const RUNNER_WASM = fileURLToPath(new URL('../components/runner/dist/runner.wasm', import.meta.url));

/**
 * The runner's SHA-256 and size, known at build time (`__SWERVE_RUNNER_DIGEST__`), so a page
 * recognises a project's copy of the runner, and a new JavaScript project names it, without
 * downloading its 14 MiB first (lib/share/site-runner.ts).
 */
function runnerDigest(): Plugin {
  return {
    name: 'swerve-runner-digest',
    config(_config, { command }) {
      // Only a build publishes the runner; the type checker and the dev server load this config
      // before the components are built (the playground then works without the digest).
      if (command !== 'build') return undefined;
      const bytes = readFileSync(RUNNER_WASM);
      const digest = { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
      return { define: { __SWERVE_RUNNER_DIGEST__: JSON.stringify(digest) } };
    },
  };
}

/** The catalog the site's build publishes (sw-host's CATALOG_PATH), with the runner in it. */
const CATALOG_FILE = '_swerve/apps.json';

/**
 * The playground's page starts downloading the site's runner (components/runner) as it opens:
 * a first visit runs the starter on it, as every JavaScript project does, and the host of the
 * project's origin fetches the same URLs from the site's origin (swerve's
 * component/site-artifact-urls.ts), so it finds them in the HTTP cache, downloaded while the
 * page was still loading its scripts rather than after the host page, service worker and guest
 * workers had started (the page's script takes the preloads: src/main.ts). Only within the
 * site's build, where the catalog is already written.
 */
function runnerPreload(outDir: string): Plugin {
  return {
    name: 'swerve-runner-preload',
    transformIndexHtml(html, context) {
      if (!context.filename.endsWith('/playground/index.html')) return undefined;
      let catalog: { apps: { name: string; components: Record<string, { coreModules: object }> }[] };
      try {
        catalog = JSON.parse(readFileSync(`${outDir}/${CATALOG_FILE}`, 'utf8')) as typeof catalog;
      } catch {
        return undefined;
      }
      const runner = catalog.apps.find((app) => app.name === 'runner')?.components['runner'];
      if (!runner) return undefined;
      // The core modules only: the glue is small, and a worker's fetch of it comes soon anyway.
      return Object.values(runner.coreModules as Record<string, string>).map((href) => ({
        tag: 'link',
        attrs: { rel: 'preload', as: 'fetch', crossorigin: 'anonymous', href },
        injectTo: 'head-prepend' as const,
      }));
    },
  };
}

/** Where the playground is served within the site. */
export const PLAYGROUND_BASE = '/playground/';

export function playgroundConfig(outDir: string, define: Record<string, unknown> = {}): InlineConfig {
  return {
    root: pages,
    base: '/',
    configFile: false,
    define,
    resolve: { conditions: SOURCE_CONDITIONS },
    plugins: [svelte(), runnerDigest(), runnerPreload(outDir), typeLibraryModule()],
    // The editor's TypeScript worker (decision 0027): an ES module, with the runner's declarations.
    worker: { format: 'es', plugins: () => [typeLibraryModule()] },
    build: {
      target: 'es2023',
      outDir,
      // Within the site's build the site's own files are already there.
      emptyOutDir: false,
      // Hashed names of their own, beside the site's `assets/`.
      assetsDir: 'ui-assets',
      // The examples' components are 12 MiB each: emitted as files, never inlined. The largest
      // chunk is TypeScript's parser (3.5 MB), loaded only for projects with .ts files (0020); the
      // editor's TypeScript worker has its own copy, with the runner's declarations (0027).
      chunkSizeWarningLimit: 4096,
      rolldownOptions: {
        input: {
          playground: `${pages}playground/index.html`,
          view: `${pages}view.html`,
          embed: `${pages}embed.html`,
        },
      },
    },
    logLevel: 'warn',
  };
}

/** Where the embed API is served: a stable name, since other sites' pages import it by URL. */
export const EMBED_API_FILE = 'swerve-embed.js';

/**
 * The embed API as a library build of its own: one self-contained file with a stable name. As an
 * entry of the pages' build it would share chunks with them under hashed names, and a module
 * imported from another site needs CORS on every file it imports, not only on itself.
 */
export function embedApiConfig(outDir: string, define: Record<string, unknown> = {}): InlineConfig {
  return {
    configFile: false,
    define,
    resolve: { conditions: SOURCE_CONDITIONS },
    publicDir: false,
    build: {
      target: 'es2023',
      outDir,
      emptyOutDir: false,
      lib: {
        entry: fileURLToPath(new URL('./src/embed/api/swerve-embed.ts', import.meta.url)),
        formats: ['es'],
        fileName: () => EMBED_API_FILE,
      },
    },
    logLevel: 'warn',
  };
}

/**
 * For the site's vite.config.ts: once the site is built, builds the playground's pages into the
 * site's output with the site's defines (where apps run: `__SWERVE_ORIGINS__`).
 */
export function playgroundInSite(): Plugin {
  let outDir = '';
  let define: Record<string, unknown> = {};
  return {
    name: 'swerve-playground',
    apply: 'build',
    configResolved(config) {
      outDir = `${config.build.outDir.startsWith('/') ? '' : `${config.root}/`}${config.build.outDir}`;
      define = { ...config.define };
    },
    async closeBundle() {
      await build(playgroundConfig(outDir, define));
      await build(embedApiConfig(outDir, define));
    },
  };
}
