/**
 * The fixtures. Per Playwright worker: one kit server (kit-server.ts) serving the packaged host,
 * and per app (and set of context options) one browser context with the app's origin running
 * in it (kit-context.ts). Per test: that context, undone of what the last test did to it, and
 * the app reset and deployed again with this test's seeds and variables, so each test sees
 * empty stores, its own logs and request records, and fresh instances (docs/decisions/0025).
 */
import { test as base, type BrowserContextOptions } from '@playwright/test';
import { dirname } from 'node:path';
import { randomAppKey, withoutPreparedSources } from 'swerve/node';
import { requestsSettled } from './app-fetch.ts';
import { appHandle, callDriver, storedBytes } from './app-handle.ts';
import { readAppSource, type AppSource } from './app-source.ts';
import { checkChromium } from './chromium-check.ts';
import { combinedContextOptions } from './context-options.ts';
import type { DriverDeploy } from './driver-api.ts';
import { readPackagedHost } from './host-build.ts';
import { openKitContext, resetContext, testPage, type KitContext } from './kit-context.ts';
import { startKitServer, type KitServer } from './kit-server.ts';
import type { SwerveOptions, SwerveTestFixtures, SwerveWorkerOptions } from './types.ts';

/** The host's own default deadline (core-wasm/guest-deadline.ts), for messages. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

interface InternalTestFixtures {
  /** The app as this test deployed it (or shares it), when it has one. */
  swerveDeployment: { name: string; mode: string } | undefined;
  /** The app this test runs, read from disk (once per worker), and its origin in this worker. */
  swerveApp: { source: AppSource; origin: string } | undefined;
  /** The shared context this test runs in, when it has an app. */
  swerveKitContext: KitContext | undefined;
  /** Every option a test's context is made with (baseURL included), from the public option fixtures. */
  swerveContextOptions: BrowserContextOptions;
}

/** One worker's apps and contexts, kept across its tests. */
interface KitWorker {
  server: KitServer;
  /** By manifest path and project folder. */
  sources: Map<string, Promise<AppSource>>;
  /** App id → the app's origin in this worker: one per app, for all its tests. */
  origins: Map<string, string>;
  /** By app id and context options. */
  contexts: Map<string, Promise<KitContext>>;
}

interface InternalWorkerFixtures {
  swerveServer: KitServer;
  swerveWorker: KitWorker;
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
  appScope: ['test', { option: true }],
  swervePort: [0, { option: true, scope: 'worker' }],

  swerveChromium: [
    async ({ playwright, browserName, launchOptions, channel }, use) => {
      if (browserName === 'chromium' && !channel && !launchOptions.channel) {
        checkChromium(launchOptions.executablePath, () => playwright.chromium.executablePath());
      }
      await use();
    },
    { scope: 'worker', auto: true, box: true },
  ],

  swerveServer: [
    async ({ swervePort }, use, workerInfo) => {
      const host = await readPackagedHost();
      const server = await startKitServer(host, swervePort ? swervePort + workerInfo.parallelIndex : 0);
      await use(server);
      await server.close();
    },
    { scope: 'worker', box: true },
  ],

  swerveWorker: [
    async ({ swerveServer }, use) => {
      const worker: KitWorker = {
        server: swerveServer,
        sources: new Map(),
        origins: new Map(),
        contexts: new Map(),
      };
      await use(worker);
      const contexts = await Promise.allSettled(worker.contexts.values());
      for (const opened of contexts) if (opened.status === 'fulfilled') await opened.value.context.close();
    },
    { scope: 'worker', box: true },
  ],

  swerveApp: [
    async ({ swerveWorker, spinApp }, use, testInfo) => {
      if (!spinApp) return use(undefined);
      const baseDir = testInfo.config.configFile ? dirname(testInfo.config.configFile) : process.cwd();
      const where = `${baseDir}\0${spinApp}`;
      let reading = swerveWorker.sources.get(where);
      if (!reading) swerveWorker.sources.set(where, (reading = readAppSource(spinApp, baseDir)));
      // A manifest with a mistake fails every test that uses it, each with the manifest's line.
      const source = await reading.catch((error: unknown) => {
        swerveWorker.sources.delete(where);
        throw error;
      });
      let origin = swerveWorker.origins.get(source.id);
      if (!origin)
        swerveWorker.origins.set(source.id, (origin = swerveWorker.server.appOrigin(randomAppKey())));
      await use({ source, origin });
    },
    { box: true },
  ],

  // Relative navigations of the test's page go to the app: `await page.goto('/')`.
  baseURL: async ({ swerveApp, baseURL }, use) => {
    await use(swerveApp?.origin ?? baseURL);
  },

  // Playwright reads the fixtures a fixture uses from its parameter's names: every option
  // fixture is named here (context-options.ts fails to compile when Playwright adds one).
  swerveContextOptions: [
    async (
      {
        acceptDownloads,
        bypassCSP,
        clientCertificates,
        colorScheme,
        contrast,
        deviceScaleFactor,
        extraHTTPHeaders,
        forcedColors,
        geolocation,
        hasTouch,
        httpCredentials,
        ignoreHTTPSErrors,
        isMobile,
        javaScriptEnabled,
        locale,
        offline,
        permissions,
        proxy,
        reducedMotion,
        screen,
        serviceWorkers,
        storageState,
        timezoneId,
        userAgent,
        viewport,
        baseURL,
        contextOptions,
      },
      use,
      testInfo,
    ) => {
      const options = combinedContextOptions(
        {
          acceptDownloads,
          bypassCSP,
          clientCertificates,
          colorScheme,
          contrast,
          deviceScaleFactor,
          extraHTTPHeaders,
          forcedColors,
          geolocation,
          hasTouch,
          httpCredentials,
          ignoreHTTPSErrors,
          isMobile,
          javaScriptEnabled,
          locale,
          offline,
          permissions,
          proxy,
          reducedMotion,
          screen,
          serviceWorkers,
          storageState,
          timezoneId,
          userAgent,
          viewport,
          baseURL,
          contextOptions,
        },
        testInfo.config.configFile,
      );
      await use(options);
    },
    { box: true },
  ],

  swerveKitContext: [
    async ({ swerveWorker, swerveApp, browser, swerveContextOptions }, use) => {
      if (!swerveApp) return use(undefined);
      const options = swerveContextOptions;
      const key = `${swerveApp.source.id}\0${JSON.stringify(options)}`;
      let opening = swerveWorker.contexts.get(key);
      if (!opening) {
        opening = openKitContext(browser, options, swerveWorker.server.siteOrigin, swerveApp.origin);
        swerveWorker.contexts.set(key, opening);
      }
      const kit = await opening.catch((error: unknown) => {
        swerveWorker.contexts.delete(key);
        throw error;
      });
      kit.outbound.length = 0;
      await use(kit);
      if (!(await resetContext(kit))) {
        swerveWorker.contexts.delete(key);
        await kit.context.close();
      }
    },
    { box: true },
  ],

  // Every test of an app deploys it, whether it asks for `app` or only for `page` or `context`:
  // those reach the app too, so they must find it reset, with this test's options.
  swerveDeployment: [
    async (
      { swerveWorker, swerveApp, swerveKitContext, variables, keyValues, requestTimeout, appScope },
      use,
      testInfo,
    ) => {
      if (!swerveApp || !swerveKitContext) return use(undefined);
      const started = performance.now();
      const { source, origin } = swerveApp;
      const server = swerveWorker.server;
      const urlOf = server.addApp(source);
      const prepared = await server.prepare(source);
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

      const { driver } = swerveKitContext;
      // `appScope: 'worker'`: the tests of one file that deploy the app alike share one deployment.
      const signature = JSON.stringify({ file: testInfo.file, deploy });
      const last = swerveKitContext.lastDeploy;
      const shared = appScope === 'worker' && last?.shared === true && last.signature === signature;
      let deployed: { name: string; mode: string };
      if (shared) {
        deployed = last;
        testInfo.annotations.push({ type: 'swerve-setup', description: '0 ms (shared: appScope worker)' });
      } else {
        swerveKitContext.lastDeploy = undefined;
        // The last test's requests end (at their deadline at worst) before its app is reset.
        await requestsSettled(driver);
        const outcome = await base.step(`deploy ${source.displayPath}`, () =>
          callDriver(driver, 'start', origin, deploy),
        );
        if (!outcome.ok) throw deployFailure(outcome.stage, outcome.message, source.displayPath, origin);
        for (const warning of [...source.warnings, ...outcome.warnings]) console.warn(`[swerve] ${warning}`);
        const { connectMs, resetMs, deployMs } = outcome.timings;
        testInfo.annotations.push({
          type: 'swerve-setup',
          description:
            `${Math.round(performance.now() - started)} ms (` +
            (outcome.reused
              ? `reset ${Math.round(resetMs)} ms`
              : `first: connect ${Math.round(connectMs)} ms`) +
            `, deploy ${Math.round(deployMs)} ms)`,
        });
        deployed = outcome;
        swerveKitContext.lastDeploy = {
          signature,
          shared: appScope === 'worker',
          name: outcome.name,
          mode: outcome.mode,
        };
      }
      await use({ name: deployed.name, mode: deployed.mode });
    },
    { box: true },
  ],

  // A test with an app runs in the context its app runs in; any other gets a fresh one.
  context: async ({ swerveKitContext, swerveDeployment, browser, swerveContextOptions }, use) => {
    if (swerveKitContext && swerveDeployment) return use(swerveKitContext.context);
    const context = await browser.newContext(swerveContextOptions);
    await use(context);
    await context.close();
  },

  page: async ({ swerveKitContext, context }, use) => {
    await use(swerveKitContext ? await testPage(swerveKitContext) : await context.newPage());
  },

  app: async (
    { swerveWorker, swerveApp, swerveKitContext, swerveDeployment, page, requestTimeout },
    use,
    testInfo,
  ) => {
    if (!swerveApp || !swerveKitContext || !swerveDeployment) {
      throw new Error(
        "[swerve] No Spin app to test: set one with test.use({ spinApp: './spin.toml' }) (a manifest or its " +
          'folder, relative to the Playwright config file), in the test file or in the config.',
      );
    }
    const { driver } = swerveKitContext;
    const { origin } = swerveApp;
    const deployed = swerveDeployment;
    const app = appHandle({
      driver,
      page,
      origin,
      name: deployed.name,
      requestTimeoutMs: requestTimeout ?? DEFAULT_REQUEST_TIMEOUT_MS,
      hostMode: deployed.mode === 'worker' ? 'worker' : 'service-worker',
      outbound: () => swerveKitContext.outbound,
      bodies: swerveWorker.server,
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
  },

  // The app's parts, for tests that need only them: each deploys the app as `app` does.
  kv: async ({ app }, use) => {
    await use(Object.assign(app.kv(), { store: (label: string) => app.kv(label) }));
  },
  logs: async ({ app }, use) => {
    await use(() => app.logs());
  },
  requests: async ({ app }, use) => {
    await use(() => app.requests());
  },
});
