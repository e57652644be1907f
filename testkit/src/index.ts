/**
 * `@swerve/playwright`: Playwright's `test`, extended with an `app` fixture that runs a Spin app
 * in Swerve (Spin's host, in the browser), for each test as if freshly deployed: empty stores, its own
 * seeds, variables and logs.
 *
 *   import { test, expect } from '@swerve/playwright';
 *   test.use({ spinApp: './spin.toml' });
 *   test('greets', async ({ app }) => {
 *     expect(await (await app.fetch('/hello')).text()).toBe('Hello, Spin!');
 *   });
 */
import type {
  PlaywrightTestArgs,
  PlaywrightTestOptions,
  PlaywrightWorkerArgs,
  PlaywrightWorkerOptions,
  TestType,
} from '@playwright/test';
import { swerveTest } from './fixtures.ts';
import type { SwerveOptions, SwerveTestFixtures, SwerveWorkerOptions } from './types.ts';

export type {
  AppFetchOptions,
  AppHeader,
  AppJsonValue,
  AppKv,
  AppSqlite,
  AppSqliteResult,
  AppSqliteValue,
  AppLogLine,
  AppMultipartFile,
  AppOutboundRequest,
  AppRecordedCall,
  AppRequestRecord,
  AppResponse,
  SwerveApp,
  SwerveOptions,
  SwerveTestFixtures,
  SwerveWorkerOptions,
} from './types.ts';

/** Playwright's `test` with the `app` fixture and Swerve's options. */
export const test: TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & SwerveOptions & SwerveTestFixtures,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions & SwerveWorkerOptions
> = swerveTest;

export { expect } from '@playwright/test';
