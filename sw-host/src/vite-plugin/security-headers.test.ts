import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

const SITE = 'http://swerve.localhost:4173';
const connectSrc = (path: string, origin = SITE) =>
  /connect-src ([^;]+)/.exec(securityHeaders(path, origin)['content-security-policy'] ?? '')?.[1];

describe("the site's pages' CSP", () => {
  it('lets the viewer alone fetch an app from another server (?app=), and still run no code but its own', () => {
    expect(connectSrc('/view')).toBe("'self' http: https:");
    const view = securityHeaders('/view', SITE)['content-security-policy']!;
    expect(view).toContain("script-src 'self';");
    expect(view).toContain("frame-ancestors 'self'");
    for (const path of ['/', '/playground/', '/embed']) expect(connectSrc(path)).toBe("'self'");
    expect(connectSrc('/view', 'http://echo.swerve.localhost:4173')).toBe("'self'");
  });
});

describe('app origins', () => {
  const LINK_KEY = `h${'a'.repeat(52)}`;
  const appAt = (key: string) => `http://${key}.swerve.localhost:4173`;
  const ancestors = (path: string, key: string) =>
    /frame-ancestors ([^;]+)/.exec(securityHeaders(path, appAt(key))['content-security-policy'] ?? '')?.[1];

  it('ask for an agent cluster of their own, and the site does not', () => {
    expect(securityHeaders('/_swerve/host.html', appAt('echo'))['origin-agent-cluster']).toBe('?1');
    expect(securityHeaders('/', appAt(LINK_KEY))['origin-agent-cluster']).toBe('?1');
    expect(securityHeaders('/', SITE)['origin-agent-cluster']).toBeUndefined();
  });

  it("let any page frame a link's host page only for a key of the content-key shape (the whole hash)", () => {
    expect(ancestors('/_swerve/host.html', LINK_KEY)).toBe('*');
    // The old, shorter content keys and other names keep the allowed list.
    for (const key of [`h${'a'.repeat(25)}`, `h${'a'.repeat(51)}`, 'echo', `p${'a'.repeat(52)}`])
      expect(ancestors('/_swerve/host.html', key), key).toBe(SITE);
    expect(ancestors('/', LINK_KEY)).toBe(SITE);
  });
});
