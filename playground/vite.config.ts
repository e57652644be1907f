import { defineConfig } from 'vite';
import { playgroundConfig } from './build-config.ts';

// `npm run --workspace playground build` builds the playground alone, into dist/; the site's
// build emits it at /playground/ (build-config.ts), which is how it is served.
export default defineConfig(playgroundConfig('dist'));
