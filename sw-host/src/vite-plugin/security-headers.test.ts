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
