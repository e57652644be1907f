/**
 * The options a test's browser context is made with, read from Playwright's public option
 * fixtures (`locale`, `viewport`, `contextOptions`, ...) as Playwright itself combines them for
 * its own `context`: `contextOptions` first, then every option the config or `test.use()` set.
 * The kit makes the contexts of app tests itself (kept per worker, decision 0025), so it needs
 * the same options; Playwright's own combination is an internal fixture the kit does not use.
 */
import type { BrowserContextOptions } from '@playwright/test';
import { dirname, isAbsolute, resolve } from 'node:path';

/**
 * Every option fixture that feeds a context, by its name: what Playwright's `use` accepts and
 * passes to `browser.newContext()`. When Playwright adds a context option, the type check below
 * fails until it is added here (and to the fixture that reads them, fixtures.ts).
 */
export interface ContextOptionFixtures {
  acceptDownloads: BrowserContextOptions['acceptDownloads'];
  bypassCSP: BrowserContextOptions['bypassCSP'];
  clientCertificates: BrowserContextOptions['clientCertificates'];
  colorScheme: BrowserContextOptions['colorScheme'];
  contrast: BrowserContextOptions['contrast'];
  deviceScaleFactor: BrowserContextOptions['deviceScaleFactor'];
  extraHTTPHeaders: BrowserContextOptions['extraHTTPHeaders'];
  forcedColors: BrowserContextOptions['forcedColors'];
  geolocation: BrowserContextOptions['geolocation'];
  hasTouch: BrowserContextOptions['hasTouch'];
  httpCredentials: BrowserContextOptions['httpCredentials'];
  ignoreHTTPSErrors: BrowserContextOptions['ignoreHTTPSErrors'];
  isMobile: BrowserContextOptions['isMobile'];
  javaScriptEnabled: BrowserContextOptions['javaScriptEnabled'];
  locale: BrowserContextOptions['locale'];

  offline: BrowserContextOptions['offline'];
  permissions: BrowserContextOptions['permissions'];
  proxy: BrowserContextOptions['proxy'];
  reducedMotion: BrowserContextOptions['reducedMotion'];
  screen: BrowserContextOptions['screen'];
  serviceWorkers: BrowserContextOptions['serviceWorkers'];
  storageState: BrowserContextOptions['storageState'];
  timezoneId: BrowserContextOptions['timezoneId'];
  userAgent: BrowserContextOptions['userAgent'];
  viewport: BrowserContextOptions['viewport'];
  baseURL: BrowserContextOptions['baseURL'];
  contextOptions: BrowserContextOptions;
}

/**
 * Context options with no option fixture of their own: a test sets them through
 * `contextOptions` (video is Playwright's `video` option, which records only contexts it makes).
 */
type OnlyThroughContextOptions = 'recordHar' | 'recordVideo' | 'logger' | 'strictSelectors';

/** Fails to compile when `BrowserContextOptions` has an option neither list names. */
type Unlisted = Exclude<keyof BrowserContextOptions, keyof ContextOptionFixtures | OnlyThroughContextOptions>;
export const UNLISTED_CONTEXT_OPTIONS: [Unlisted] extends [never] ? true : Unlisted = true;

/** A path in a client certificate, relative to the config file's folder as Playwright reads it. */
function fromConfig(path: string | undefined, configFile: string | undefined): string | undefined {
  if (!path || !configFile || isAbsolute(path)) return path;
  return resolve(dirname(configFile), path);
}

/** The options, combined as Playwright combines them for its own `context`. */
export function combinedContextOptions(
  { contextOptions, clientCertificates, ...options }: ContextOptionFixtures,
  configFile: string | undefined,
): BrowserContextOptions {
  const set = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const certificates = clientCertificates?.length
    ? {
        clientCertificates: clientCertificates.map((certificate) => ({
          ...certificate,
          certPath: fromConfig(certificate.certPath, configFile),
          keyPath: fromConfig(certificate.keyPath, configFile),
          pfxPath: fromConfig(certificate.pfxPath, configFile),
        })),
      }
    : {};
  return { ...contextOptions, ...set, ...certificates };
}
