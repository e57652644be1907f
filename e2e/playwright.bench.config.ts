import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/** `npm run bench`: the benchmark, against the same production build as the browser tests. */
// The benchmark is one project, run alone, one test at a time.
const { projects: _projects, ...shared } = base;

export default defineConfig({
  ...shared,
  workers: 1,
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  timeout: 10 * 60_000,
  use: { ...base.use, trace: 'off' },
  // The same build plus the plain JavaScript baseline route, which no other build has.
  webServer: { ...base.webServer, env: { ...base.webServer.env, SWERVE_BENCH_ROUTE: '1' } },
});
