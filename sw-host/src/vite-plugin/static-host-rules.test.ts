import { describe, expect, it } from 'vitest';
import { caddyConfig } from './caddy-config.ts';
import { headersFile } from './headers-file.ts';
import { nginxConfig } from './nginx-config.ts';
import { securityHeaders } from './security-headers.ts';
import { originsForSite, parseSiteOrigin } from './site-origin.ts';
import { hostLocations, planHeaders, staticHostPlan } from './static-host-rules.ts';

const SITE = 'https://swerve.example.com';
const origins = originsForSite(SITE, ['https://docs.example.org']);
const plan = staticHostPlan(origins);
const LINK = `https://h${'a'.repeat(52)}.swerve.example.com`;
const PATHS = [
  '/',
  '/playground/',
  '/docs/security',
  '/no-such-page',
  '/embed',
  '/embed.html',
  '/view',
  '/sw.js',
  '/_swerve/host.html',
  '/_swerve/host.js',
  '/_swerve/runtime-worker.js',
  '/_swerve/guest-worker.js',
  '/_swerve/tools-worker.js',
  '/_swerve/client.js',
  '/swerve-embed.js',
  '/_swerve/components/hello/hello-1/component.core.wasm',
];

describe('the site origin setting', () => {
  it('puts apps one label under the site, with its scheme and port', () => {
    expect(originsForSite('http://site.localhost:4322')).toEqual({
      site: 'http://site.localhost:4322',
      apps: 'http://{app}.site.localhost:4322',
      embedders: [],
    });
    expect(originsForSite(undefined, ['https://a.example'])).toEqual({ embedders: ['https://a.example'] });
  });

  it('refuses what is not an origin apps can nest under, saying what to give', () => {
    for (const [value, why] of [
      ['swerve.example.com', 'is not a URL'],
      ['ftp://swerve.example.com', 'is not http or https'],
      ['https://swerve.example.com/docs', 'has a path'],
      ['https://swerve.example.com/?x', 'has a path, query'],
      ['http://127.0.0.1:4173', 'is an IP address'],
      ['http://localhost:4173', 'one-label host'],
    ] as const) {
      expect(() => parseSiteOrigin(value)).toThrow(why);
      expect(() => parseSiteOrigin(value)).toThrow('SWERVE_SITE_ORIGIN=https://swerve.example.com');
    }
  });
});

describe('the static hosting plan', () => {
  it('gives every path at the site, an app and a link the headers vite preview sends (securityHeaders)', () => {
    for (const path of PATHS) {
      expect(planHeaders(plan, 'site', path), `${path} at the site`).toEqual(
        securityHeaders(path, SITE, origins),
      );
      const app = 'https://hello.swerve.example.com';
      expect(planHeaders(plan, 'app', path), `${path} at an app`).toEqual(
        securityHeaders(path, app, origins),
      );
      expect(planHeaders(plan, 'link', path), `${path} at a link`).toEqual(
        securityHeaders(path, LINK, origins),
      );
    }
  });

  it('lets no header of a broader location leak into a narrower one (nginx and Caddy pick one)', () => {
    const appLocations = hostLocations(plan, 'app');
    const worker = appLocations.find((location) => location.pattern === '/sw.js')!;
    expect(worker.headers['content-security-policy']).toContain("'unsafe-eval'");
    expect(worker.headers).not.toHaveProperty('origin-agent-cluster');
    const hostPage = appLocations.find((location) => location.pattern === '/_swerve/host.html')!;
    expect(hostPage.headers['content-security-policy']).toContain(
      'frame-ancestors https://swerve.example.com https://docs.example.org',
    );
    expect(hostPage.linkHeaders?.['content-security-policy']).toContain('frame-ancestors *');
    const appPages = appLocations.find((location) => location.pattern === '/*')!;
    expect(appPages.headers['cache-control']).toBe('no-store');
  });

  it('writes apps under another domain, and refuses a pattern the configurations cannot express', () => {
    const elsewhere = staticHostPlan({ site: SITE, apps: 'https://{app}.apps.example.net' });
    expect(elsewhere.appHostSuffix).toBe('.apps.example.net');
    for (const apps of [
      'https://app-{app}.example.net',
      'http://{app}.example.net',
      'https://{app}.example.net:8443',
    ])
      expect(() => staticHostPlan({ site: SITE, apps })).toThrow(
        expect.objectContaining({
          code: 'config-invalid',
          message: expect.stringContaining('whose key is the first label of their host'),
        }),
      );
  });
});

describe('the written configurations', () => {
  it('_headers: host rules for the site and for any app, each later rule dropping what came before', () => {
    const text = headersFile(plan);
    expect(text).toContain('\nhttps://swerve.example.com/*\n');
    expect(text).toContain('\nhttps://:app.swerve.example.com/_swerve/host.html\n');
    const worker = text.slice(text.indexOf('\n/sw.js\n'));
    expect(worker).toMatch(/^\n\/sw\.js\n {2}! content-security-policy\n/);
    // Every block names one URL (the form has no lists).
    expect(text).not.toMatch(/\n\/embed\nhttps?:/);
  });

  it('nginx and Caddy: the same-site frame refusal, the bootstrap page and the link host page by name', () => {
    const nginx = nginxConfig(plan, '/srv/swerve');
    expect(nginx).toContain('"~^same-site:(iframe|frame|embed|object)$" 1;');
    expect(nginx).toContain('rewrite ^ /_swerve-bootstrap-page last;');
    expect(nginx).toContain('src=\\"/_swerve/bootstrap.js\\"');
    expect(nginx).toContain('server_name "~^(?<swerve_app>');
    expect(nginx).toContain('listen 443 ssl;');
    const caddy = caddyConfig(plan, '/srv/swerve');
    expect(caddy).toContain('header_regexp Sec-Fetch-Dest ^(iframe|frame|embed|object)$');
    expect(caddy).toContain('https://*.swerve.example.com {');
    expect(caddy).toContain('respond @navigation "<!doctype html>');
  });
});
