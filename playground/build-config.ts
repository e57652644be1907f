/**
 * The playground's Vite config, shared by its own `vite build` and by the site's build, which
 * emits the playground into its output at `/playground/` so one `vite preview` serves both.
 */
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, type InlineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Where the playground is served within the site. */
export const PLAYGROUND_BASE = '/playground/';

export function playgroundConfig(outDir: string, define: Record<string, unknown> = {}): InlineConfig {
  return {
    root,
    base: PLAYGROUND_BASE,
    configFile: false,
    define,
    plugins: [svelte()],
    // The examples' components are 12 MiB each: emitted as files, never inlined.
    build: { target: 'es2023', outDir, emptyOutDir: true, chunkSizeWarningLimit: 2048 },
    logLevel: 'warn',
  };
}

/**
 * For the site's vite.config.ts: once the site is built, builds the playground into
 * `<site outDir>/playground/` with the site's defines (where apps run: `__SWERVE_ORIGINS__`).
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
      await build(playgroundConfig(`${outDir}${PLAYGROUND_BASE}`, define));
    },
  };
}
