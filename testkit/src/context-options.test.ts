import { describe, expect, it } from 'vitest';
import { combinedContextOptions, type ContextOptionFixtures } from './context-options.ts';

/** What the option fixtures hold when a config sets nothing but the defaults Playwright gives. */
function fixtures(set: Partial<ContextOptionFixtures> = {}): ContextOptionFixtures {
  return {
    acceptDownloads: true,
    bypassCSP: false,
    clientCertificates: undefined,
    colorScheme: 'light',
    contrast: undefined,
    deviceScaleFactor: undefined,
    extraHTTPHeaders: undefined,
    forcedColors: undefined,
    geolocation: undefined,
    hasTouch: false,
    httpCredentials: undefined,
    ignoreHTTPSErrors: false,
    isMobile: false,
    javaScriptEnabled: true,
    locale: 'en-US',
    offline: false,
    permissions: undefined,
    proxy: undefined,
    reducedMotion: undefined,
    screen: undefined,
    serviceWorkers: 'allow',
    storageState: undefined,
    timezoneId: undefined,
    userAgent: undefined,
    viewport: { width: 1280, height: 720 },
    baseURL: undefined,
    contextOptions: {},
    ...set,
  };
}

describe('combinedContextOptions', () => {
  it('leaves out options no one set, and keeps the ones set', () => {
    const options = combinedContextOptions(fixtures({ baseURL: 'http://a.kit.localhost:1' }), undefined);
    expect(options).toEqual({
      acceptDownloads: true,
      bypassCSP: false,
      colorScheme: 'light',
      hasTouch: false,
      ignoreHTTPSErrors: false,
      isMobile: false,
      javaScriptEnabled: true,
      locale: 'en-US',
      offline: false,
      serviceWorkers: 'allow',
      viewport: { width: 1280, height: 720 },
      baseURL: 'http://a.kit.localhost:1',
    });
  });

  it('lets an option fixture win over the same option in contextOptions, as Playwright does', () => {
    const options = combinedContextOptions(
      fixtures({ locale: 'de-DE', contextOptions: { locale: 'fr-FR', strictSelectors: true } }),
      undefined,
    );
    expect(options.locale).toBe('de-DE');
    expect(options.strictSelectors).toBe(true);
  });

  it("reads client certificates' relative paths from the config file's folder", () => {
    const options = combinedContextOptions(
      fixtures({
        clientCertificates: [
          { origin: 'https://x', certPath: 'certs/c.pem', keyPath: '/abs/k.pem' },
          { origin: 'https://y', pfxPath: 'p.pfx' },
        ],
      }),
      '/project/playwright.config.ts',
    );
    expect(options.clientCertificates).toEqual([
      { origin: 'https://x', certPath: '/project/certs/c.pem', keyPath: '/abs/k.pem', pfxPath: undefined },
      { origin: 'https://y', certPath: undefined, keyPath: undefined, pfxPath: '/project/p.pfx' },
    ]);
    expect(combinedContextOptions(fixtures({ clientCertificates: [] }), undefined)).not.toHaveProperty(
      'clientCertificates',
    );
  });
});
