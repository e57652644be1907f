import { describe, expect, it } from 'vitest';
import { isSameSiteStranger, siteOfApp, siteRelation, withinSite } from './site-relation.ts';

const SITE = 'http://swerve.localhost:4173';
const app = (key: string) => `http://${key}.swerve.localhost:4173`;
const DEPLOYED = { site: 'https://example.com', apps: 'https://{app}.apps.example.com' };

describe('site relations', () => {
  it('call the site and its app origins one site, and everything else another', () => {
    expect(siteRelation(app('a'), app('a'), SITE)).toBe('same-origin');
    expect(siteRelation(app('a'), app('b'), SITE)).toBe('same-site');
    expect(siteRelation(SITE, app('b'), SITE)).toBe('same-site');
    expect(siteRelation('http://swerve.localhost:9999', app('b'), SITE)).toBe('same-site');
    expect(siteRelation('http://127.0.0.1:4174', app('b'), SITE)).toBe('cross-site');
    expect(siteRelation('https://a.swerve.localhost:4173', app('b'), SITE)).toBe('cross-site');
    expect(siteRelation('http://evil.localhost:4173', app('b'), SITE)).toBe('cross-site');
  });

  it('follow a configured app pattern', () => {
    const a = 'https://a.apps.example.com';
    expect(siteRelation('https://b.apps.example.com', a, DEPLOYED.site, DEPLOYED)).toBe('same-site');
    expect(siteRelation('https://example.com', a, DEPLOYED.site, DEPLOYED)).toBe('same-site');
    expect(siteRelation('https://example.org', a, DEPLOYED.site, DEPLOYED)).toBe('cross-site');
    expect(withinSite('https://apps.example.com', DEPLOYED.site, DEPLOYED)).toBe(true);
  });

  it("tell which framers of the site's pages are the same site without being it", () => {
    expect(isSameSiteStranger(app('h0123'), SITE)).toBe(true);
    expect(isSameSiteStranger('http://swerve.localhost:9999', SITE)).toBe(true);
    expect(isSameSiteStranger(SITE, SITE)).toBe(false);
    expect(isSameSiteStranger('http://127.0.0.1:4174', SITE)).toBe(false);
    expect(isSameSiteStranger('https://docs.other.example', SITE)).toBe(false);
    expect(isSameSiteStranger('https://x.apps.example.com', DEPLOYED.site, DEPLOYED)).toBe(true);
  });

  it('know the site only at an app origin', () => {
    expect(siteOfApp(app('echo'))).toBe(SITE);
    expect(siteOfApp('http://127.0.0.1:3000')).toBeUndefined();
    expect(siteOfApp(SITE)).toBeUndefined();
  });
});
