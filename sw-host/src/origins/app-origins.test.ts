import { describe, expect, it } from 'vitest';
import {
  allowedParents,
  appKeyOf,
  appOrigin,
  CONTENT_KEY,
  contentAppKey,
  isAppKey,
  randomAppKey,
  siteOriginOf,
} from './app-origins.ts';

const SITE = 'http://swerve.localhost:4173';
const DEPLOYED = { site: 'https://example.com', apps: 'https://{app}.apps.example.com' };

describe('app origins, by default one label under the site', () => {
  it('places each app at <key>.<site host>, with the same scheme and port', () => {
    expect(appOrigin('hello', SITE)).toBe('http://hello.swerve.localhost:4173');
    expect(siteOriginOf('http://hello.swerve.localhost:4173')).toBe(SITE);
  });

  it("reads an app origin's key, and never takes the site or a bare address for an app", () => {
    expect(appKeyOf('http://hello.swerve.localhost:4173')).toBe('hello');
    expect(appKeyOf(SITE)).toBeUndefined();
    expect(appKeyOf('http://127.0.0.1:3000')).toBeUndefined();
    expect(appKeyOf('http://localhost:3000')).toBeUndefined();
  });

  it('allows the site, then the configured embedders, to drive an app origin', () => {
    expect(allowedParents('http://hello.swerve.localhost:4173')).toEqual([SITE]);
    expect(
      allowedParents('http://hello.swerve.localhost:4173', { embedders: ['http://127.0.0.1:4175/docs'] }),
    ).toEqual([SITE, 'http://127.0.0.1:4175']);
  });
});

describe('app origins of a deployed site, set by its pattern', () => {
  it('maps keys through the pattern and back', () => {
    expect(appOrigin('hello', 'https://example.com', DEPLOYED)).toBe('https://hello.apps.example.com');
    expect(appKeyOf('https://hello.apps.example.com', DEPLOYED)).toBe('hello');
    expect(siteOriginOf('https://hello.apps.example.com', DEPLOYED)).toBe('https://example.com');
  });

  it('does not take an origin outside the pattern for an app', () => {
    expect(appKeyOf('https://hello.other.example.com', DEPLOYED)).toBeUndefined();
    expect(appKeyOf('https://example.com', DEPLOYED)).toBeUndefined();
  });
});

describe('app keys', () => {
  it('are single DNS labels', () => {
    for (const key of ['hello', 'a', 'my-app-2', 'x'.repeat(63)]) expect(isAppKey(key), key).toBe(true);
    for (const key of ['', 'Hello', '-a', 'a-', 'a.b', 'a_b', 'x'.repeat(64)])
      expect(isAppKey(key), key).toBe(false);
    expect(() => appOrigin('evil.example.com', SITE)).toThrow(
      expect.objectContaining({
        code: 'app-key-invalid',
        message: expect.stringContaining('is not an app key'),
      }),
    );
  });

  it("give each project a fresh random key, and content always the same key, apart from projects'", async () => {
    const project = randomAppKey();
    expect(project).toMatch(/^p[0-9a-v]{25}$/);
    expect(randomAppKey()).not.toBe(project);
    const content = new TextEncoder().encode('spin_manifest_version = 2');
    const key = await contentAppKey(content);
    // The whole SHA-256: 52 base-32 characters after the h, one DNS label (at most 63).
    expect(key).toMatch(/^h[0-9a-v]{52}$/);
    expect(key).toMatch(CONTENT_KEY);
    expect(isAppKey(key)).toBe(true);
    // SHA-256 of the empty string, e3b0c442…b855, in base 32: every bit of it is in the key.
    expect(await contentAppKey(new Uint8Array())).toBe(
      'hseoc8gkovge196nruj49irtp4gjqsgf4cidp6j54imchmu2in1ag',
    );
    expect(await contentAppKey(content.slice())).toBe(key);
    expect(await contentAppKey(new TextEncoder().encode('other'))).not.toBe(key);
  });
});
