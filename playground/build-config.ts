/**
 * The playground's Vite config, shared by its own `vite build` and by the site's build, which
 * emits the playground's pages into its own output so one `vite preview` serves them all:
 * - `/playground/`: the playground;
 * - `/view`: the viewer a share link opens (`/view#v1.…`, lib/share);
 * - `/embed`: the same app embedded in another page (`/embed?views=…#v1.…`).
 * The pages are under `pages/`, laid out as they are served.
 */
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, type InlineConfig, type Plugin } from 'vite';

const pages = fileURLToPath(new URL('./pages/', import.meta.url));

/** Where the playground is served within the site. */
export const PLAYGROUND_BASE = '/playground/';

export function playgroundConfig(outDir: string, define: Record<string, unknown> = {}): InlineConfig {
  return {
    root: pages,
    base: '/',
    configFile: false,
    define,
    plugins: [svelte()],
    build: {
      target: 'es2023',
      outDir,
      // Within the site's build the site's own files are already there.
      emptyOutDir: false,
      // Hashed names of their own, beside the site's `assets/`.
      assetsDir: 'ui-assets',
      // The examples' components are 12 MiB each: emitted as files, never inlined.
      chunkSizeWarningLimit: 2048,
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
    },
  };
}
