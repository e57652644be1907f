import { describe, expect, it } from 'vitest';
import { siteArtifactUrls } from './site-artifact-urls.ts';

const PATH = '/_swerve/components/runner/runner-abc/component.core.wasm';

describe('siteArtifactUrls', () => {
  it("tries the site's copy first from an app origin, then the app origin's own", () => {
    expect(siteArtifactUrls(PATH, 'http://p1234.swerve.localhost:4173', {})).toEqual([
      `http://swerve.localhost:4173${PATH}`,
      `http://p1234.swerve.localhost:4173${PATH}`,
    ]);
  });

  it('follows an apps pattern to the configured site', () => {
    const origins = { site: 'https://example.com', apps: 'https://{app}.apps.example.com' };
    expect(siteArtifactUrls(PATH, 'https://hello.apps.example.com', origins)).toEqual([
      `https://example.com${PATH}`,
      `https://hello.apps.example.com${PATH}`,
    ]);
  });

  it('uses only its own origin where it is no app origin (swerve up at a bare address, the site)', () => {
    expect(siteArtifactUrls(PATH, 'http://127.0.0.1:3000', {})).toEqual([`http://127.0.0.1:3000${PATH}`]);
    expect(siteArtifactUrls(PATH, 'http://swerve.localhost:4173', {})).toEqual([
      `http://swerve.localhost:4173${PATH}`,
    ]);
  });
});
