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
  timeout: 60_000,
  expect: { timeout: 15_000 },
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
