import { defineConfig } from '@playwright/test';
import type { SwerveOptions, SwerveWorkerOptions } from '@swerve/playwright';
import { PORT, SITE_URL } from './fixtures/app-hosts.ts';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium-path.js';

/** A second site, for pages that embed apps from another site (a third-party context). */
export const EMBEDDER_PORT = PORT + 1;

/**
 * Two projects:
 * - `site`: the site, docs, playground and what they show of apps, against the production build
 *   (`vite build` + `vite preview`), so the real service worker answers, exactly as deployed.
 *   One at a time: its specs share the site's origins (and its apps' keys) in one browser.
 * - `apps`: specs of the host's behaviour as an app sees it, written with `@swerve/playwright`
 *   exactly as a user writes theirs (`test.use({ spinApp })`, `app.fetch`, `kv`, `logs`): the
 *   contract users get is the one the project tests itself with. The kit starts its own server
 *   per worker (any free port) and keeps each app's origin per worker, so these run in parallel.
 *   The kit is imported from its build (`testkit/dist`, which imports `swerve`'s `dist/`): `npm test`
 *   of this workspace builds both first.
 */
export default defineConfig<SwerveOptions, SwerveWorkerOptions>({
  // A test may wait up to 45 s for one step (DEPLOY_TIMEOUT: the playground or `swerve up`
  // preparing a component on a busy 2-core machine), then still check what it shows.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // The machine has two cores: the site's specs on one worker, the apps' on up to two.
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    // The site's own name: apps run at origins under it (`<key>.swerve.localhost`).
    baseURL: SITE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium()?.executablePath, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [
    // One worker because specs of different files listen on the same fixed ports: the embedder
    // site at PORT + 1 (embeds and app-origins; its origin is built into the site as an allowed
    // embedder, so it cannot be a free port) and PORT + 2 (app-isolation's redirector, static-site's
    // server). Two workers would run such files at once and fail with EADDRINUSE.
    { name: 'site', testDir: './tests', fullyParallel: false, workers: 1 },
    // 0: each worker's kit server on any free port.
    { name: 'apps', testDir: './app-tests', fullyParallel: true, workers: 2, use: { swervePort: 0 } },
  ],
  webServer: {
    command: `npm run --workspace site build && npx --workspace site vite preview --configLoader runner --strictPort --port ${PORT}`,
    env: { SWERVE_WITH_FIXTURES: '1', SWERVE_EMBEDDERS: `http://127.0.0.1:${EMBEDDER_PORT}` },
    cwd: '..',
    // Checked from Node, which does not resolve *.localhost: the loopback address it is served at.
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
