import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium-path.js';

const PORT = Number(process.env.SWERVE_E2E_PORT ?? 4174);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

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
    baseURL: BASE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium()?.executablePath, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npm run --workspace site build && npx --workspace site vite preview --configLoader runner --strictPort --port ${PORT}`,
    env: { SWERVE_WITH_FIXTURES: '1' },
    cwd: '..',
    url: `${BASE_URL}/`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
