import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import type { SwerveOptions, SwerveWorkerOptions } from '@swerve/playwright';

/** A system Chromium when there is one (`SWERVE_CHROMIUM`, Debian's), else Playwright's own. */
const chromium =
  process.env.SWERVE_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig<SwerveOptions, SwerveWorkerOptions>({
  fullyParallel: true,
  workers: 2,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] },
    // 0: any free port for each worker's server.
    swervePort: Number(process.env.SWERVE_KIT_PORT ?? 0),
  },
  projects: [
    // The tests of the apps.
    { name: 'apps', testDir: './tests' },
    // Tests that fail on purpose, to show how failures read (`npx playwright test --project failures`).
    { name: 'failures', testDir: './failures' },
    // Per-test setup, median and p90, for a large and a small component (`--project bench`).
    { name: 'bench', testDir: './bench', testMatch: '*.bench.ts' },
  ],
});
