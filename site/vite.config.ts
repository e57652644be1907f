import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { originsForSite, SITE_ORIGIN_SETTING, swerveHost } from 'swerve/vite';
import { playgroundInSite, SOURCE_CONDITIONS } from '@swerve/playground/build-config';
import { notFoundPages } from './not-found-pages.ts';
import { examples, fixtures } from './site-apps.ts';

// The site is built and served as it is deployed (`vite build` + `vite preview`), so the real
// service worker answers the example apps, each at its own origin (`<name>.swerve.localhost`).
// SWERVE_SITE_ORIGIN fixes the site's origin for a deployment (apps at `<key>.<its host>`; see
// docs/hosting.md); SWERVE_EMBEDDERS lists other sites' origins that may embed apps (the browser tests use one);
// SWERVE_BENCH_ROUTE gives the worker the benchmark's plain JavaScript baseline route.
export default defineConfig({
  plugins: [
    swerveHost({
      apps: process.env.SWERVE_WITH_FIXTURES ? [...examples, ...fixtures] : examples,
      origins: originsForSite(
        process.env[SITE_ORIGIN_SETTING],
        process.env.SWERVE_EMBEDDERS?.split(',').filter(Boolean) ?? [],
      ),
      benchRoute: Boolean(process.env.SWERVE_BENCH_ROUTE),
    }),
    // The playground (playground/), built with the same settings into this build's /playground/.
    playgroundInSite(),
    // Unknown URLs answer 404 with a page (404.html), not the front page.
    notFoundPages(),
  ],
  // The site's pages import `swerve/client` from its sources (decision 0023).
  resolve: { conditions: SOURCE_CONDITIONS },
  build: {
    target: 'es2023',
    rolldownOptions: {
      // The front page, and the page static hosts (and `vite preview`, not-found-pages.ts) answer
      // unknown URLs with.
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        notFound: fileURLToPath(new URL('./404.html', import.meta.url)),
      },
      // The swerve-host plugin builds the host's workers after the bundle: slow by design, not a problem.
      onLog(level, log, handler) {
        if (log.code !== 'PLUGIN_TIMINGS') handler(level, log);
      },
    },
  },
  preview: { port: 4173, host: '127.0.0.1' },
});
