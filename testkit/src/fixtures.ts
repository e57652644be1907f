/**
 * The fixtures. Per Playwright worker: one kit server (kit-server.ts) serving the packaged host.
 * Per test: a fresh random app key, so a fresh origin with empty stores (the browser keeps
 * origins apart: docs/decisions/0007), a driver page at the kit's site origin that connects to
 * that origin's host and deploys the app, and the `app` object that drives it.
 */
import { test as base } from '@playwright/test';
import { dirname } from 'node:path';
import { randomAppKey, withoutPreparedSources } from 'swerve/node';
import { appHandle, callDriver, storedBytes } from './app-handle.ts';
import { readAppSource } from './app-source.ts';
import { checkChromium } from './chromium-check.ts';
import { DRIVER_PAGE_PATH, type DriverDeploy } from './driver-api.ts';
import { readPackagedHost } from './host-build.ts';
import { startKitServer, type KitServer } from './kit-server.ts';
import type { SwerveOptions, SwerveTestFixtures, SwerveWorkerOptions } from './types.ts';

/** The host's own default deadline (core-wasm/guest-deadline.ts), for messages. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

interface InternalTestFixtures {
  swerveAppOrigin: string;
}

interface InternalWorkerFixtures {
  swerveServer: KitServer;
  swerveChromium: void;
}

function deployFailure(stage: 'connect' | 'deploy', message: string, displayPath: string, origin: string) {
  return new Error(
    stage === 'connect'
      ? `[swerve] The host at ${origin} did not start, so ${displayPath} was not deployed:\n${message}`
      : `[swerve] Deploying ${displayPath} failed:\n${message}`,
  );
}

export const swerveTest = base.extend<
  SwerveOptions & SwerveTestFixtures & InternalTestFixtures,
  SwerveWorkerOptions & InternalWorkerFixtures
>({
  spinApp: [undefined, { option: true }],
  variables: [{}, { option: true }],
  keyValues: [{}, { option: true }],
  requestTimeout: [undefined, { option: true }],
  swervePort: [0, { option: true, scope: 'worker' }],

  swerveChromium: [
    async ({ playwright, browserName, launchOptions, channel }, use) => {
      if (browserName === 'chromium' && !channel && !launchOptions.channel) {
        checkChromium(launchOptions.executablePath, () => playwright.chromium.executablePath());
      }
      await use();
    },
    { scope: 'worker', auto: true },
  ],

  swerveServer: [
    async ({ swervePort }, use, workerInfo) => {
      const host = await readPackagedHost();
      const server = await startKitServer(host, swervePort ? swervePort + workerInfo.parallelIndex : 0);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  swerveAppOrigin: async ({ swerveServer }, use) => {
    await use(swerveServer.appOrigin(randomAppKey()));
  },

  // Relative navigations of the test's page go to the app: `await page.goto('/')`.
  baseURL: async ({ swerveAppOrigin }, use) => {
    await use(swerveAppOrigin);
  },

  app: async (
    { swerveServer, swerveAppOrigin, context, page, spinApp, variables, keyValues, requestTimeout },
    use,
    testInfo,
  ) => {
    if (!spinApp) {
      throw new Error(
        "[swerve] No Spin app to test: set one with test.use({ spinApp: './spin.toml' }) (a manifest or its " +
          'folder, relative to the Playwright config file), in the test file or in the config.',
      );
    }
    const started = performance.now();
    const baseDir = testInfo.config.configFile ? dirname(testInfo.config.configFile) : process.cwd();
    const source = await readAppSource(spinApp, baseDir);
    const urlOf = swerveServer.addApp(source);
    const prepared = await swerveServer.prepare(source);
    const deploy: DriverDeploy = {
      manifestUrl: urlOf(source.manifestFile),
      manifestFile: source.displayPath,
      // A prepared component is deployed by the URLs of its transpiled form, not by its bytes.
      files: withoutPreparedSources(
        Object.fromEntries([...source.deployFiles].map(([key, path]) => [key, urlOf(path)])),
        source.manifest,
        prepared,
      ),
      prepared,
      variables,
      keyValues: Object.fromEntries(
        Object.entries(keyValues).map(([label, entries]) => [
          label,
          Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, storedBytes(value)])),
        ]),
      ),
      requestTimeoutMs: requestTimeout,
    };

    const driver = await context.newPage();
    await driver.goto(`${swerveServer.siteOrigin}${DRIVER_PAGE_PATH}`);
    await driver.locator('body[data-kit="ready"]').waitFor({ state: 'attached' });
    const outcome = await callDriver(driver, 'start', swerveAppOrigin, deploy);
    if (!outcome.ok) throw deployFailure(outcome.stage, outcome.message, source.displayPath, swerveAppOrigin);
    for (const warning of [...source.warnings, ...outcome.warnings]) console.warn(`[swerve] ${warning}`);
    testInfo.annotations.push({
      type: 'swerve-setup',
      description:
        `${Math.round(performance.now() - started)} ms (connect ${Math.round(outcome.timings.connectMs)} ms, ` +
        `deploy ${Math.round(outcome.timings.deployMs)} ms)`,
    });

    const app = appHandle({
      driver,
      page,
      origin: swerveAppOrigin,
      name: outcome.name,
      requestTimeoutMs: requestTimeout ?? DEFAULT_REQUEST_TIMEOUT_MS,
    });
    await use(app);

    if (testInfo.status !== testInfo.expectedStatus) {
      // What the host and the guest said is usually the quickest way to why a test failed.
      const lines = await app.logs().catch(() => []);
      const text = lines
        .map((line) => `${new Date(line.at).toISOString()} [${line.source}] ${line.message}`)
        .join('\n');
      await testInfo.attach('swerve app logs', { body: text || '(none)', contentType: 'text/plain' });
    }
    await driver.close();
  },
});
