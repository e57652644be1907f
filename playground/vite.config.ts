import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { playgroundConfig } from './build-config.ts';

// `npm run --workspace playground build` builds the playground's pages alone, into dist/; the
// site's build emits them into its own output (build-config.ts), which is how they are served.
export default defineConfig(playgroundConfig(fileURLToPath(new URL('./dist', import.meta.url))));
