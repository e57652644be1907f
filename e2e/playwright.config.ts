import { defineConfig } from '@playwright/test';
import { PORT, SITE_URL } from './fixtures/app-hosts.ts';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium-path.js';

/** A second site, for pages that embed apps from another site (a third-party context). */
export const EMBEDDER_PORT = PORT + 1;

/**
 * Browser tests run against the production build (`vite build` + `vite preview`), so the real
 * service worker answers, exactly as deployed.
 */
export default defineConfig({
  testDir: './tests',
  // A test may wait up to 45 s for one step (DEPLOY_TIMEOUT: the playground or `swerve up`
  // preparing a component on a busy 2-core machine), then still check what it shows.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // One worker because specs of different files listen on the same fixed ports: the embedder
  // site at PORT + 1 (embeds and app-origins; its origin is built into the site as an allowed
  // embedder, so it cannot be a free port) and PORT + 2 (app-isolation's redirector, static-site's
  // server). Two workers would run such files at once and fail with EADDRINUSE. One worker runs
  // the 216 tests in about 9 min on CI's 2 cores (closing note of 2026-12-06).
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    // The site's own name: apps run at origins under it (`<key>.swerve.localhost`).
    baseURL: SITE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium()?.executablePath, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
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
