import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hostMiddleware } from './host-middleware.ts';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  passed: boolean;
}

function request(host: string, url: string, navigate = true, embedders: string[] = []): Answer {
  const headers: Record<string, string> = { host };
  if (navigate) headers['sec-fetch-mode'] = 'navigate';
  const answer: Answer = { status: 200, headers: {}, body: '', passed: false };
  const res = {
    set statusCode(status: number) {
      answer.status = status;
    },
    setHeader: (name: string, value: string) => (answer.headers[name.toLowerCase()] = value),
    end: (body = '') => (answer.body = body),
  };
  hostMiddleware({ embedders })(
    { url, headers, socket: {} } as unknown as IncomingMessage,
    res as unknown as ServerResponse,
    () => (answer.passed = true),
  );
  return answer;
}

describe('the server, by the origin a request came to', () => {
  it('sends a visit to the loopback address to the site under its name', () => {
    const answer = request('127.0.0.1:4173', '/docs?x=1');
    expect(answer.status).toBe(302);
    expect(answer.headers['location']).toBe('http://swerve.localhost:4173/docs?x=1');
    // Tools that are not browsers (a health check from Node) still get the site itself.
    expect(request('127.0.0.1:4173', '/', false).passed).toBe(true);
  });

  it("sends the site's old app URLs to the app's origin", () => {
    const answer = request('swerve.localhost:4173', '/apps/echo/x?y=1');
    expect(answer.status).toBe(302);
    expect(answer.headers['location']).toBe('http://echo.swerve.localhost:4173/x?y=1');
  });

  it("serves only Swerve's own files at an app origin; a navigation elsewhere gets the bootstrap page", () => {
    expect(request('echo.swerve.localhost:4173', '/_swerve/host.html').passed).toBe(true);
    expect(request('echo.swerve.localhost:4173', '/sw.js', false).passed).toBe(true);
    const page = request('echo.swerve.localhost:4173', '/index.html');
    expect(page.passed).toBe(false);
    expect(page.body).toContain('/_swerve/bootstrap.js');
    const fetched = request('echo.swerve.localhost:4173', '/x', false);
    expect(fetched.status).toBe(503);
    expect(fetched.body).toContain('runs inside your browser');
  });

  it('lets only the site and the embedders frame an app origin; the site frames only app origins', () => {
    const host = request('echo.swerve.localhost:4173', '/_swerve/host.html', true, ['http://127.0.0.1:4175']);
    expect(host.headers['content-security-policy']).toContain(
      'frame-ancestors http://swerve.localhost:4173 http://127.0.0.1:4175',
    );
    const site = request('swerve.localhost:4173', '/');
    expect(site.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(site.headers['content-security-policy']).toContain(
      "frame-src 'self' http://*.swerve.localhost:4173",
    );
    expect(site.headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('lets any origin frame the embed page and import the embed API, and nothing else of the site', () => {
    for (const path of ['/embed', '/embed.html']) {
      const csp = request('swerve.localhost:4173', path).headers['content-security-policy'];
      expect(csp).toContain('frame-ancestors *');
      expect(csp).toContain("frame-src 'self' http://*.swerve.localhost:4173");
      expect(csp).not.toContain('unsafe-eval');
    }
    for (const path of ['/', '/playground/', '/view', '/embed/x', '/embedded']) {
      expect(request('swerve.localhost:4173', path).headers['content-security-policy']).toContain(
        "frame-ancestors 'self';",
      );
    }
    const api = request('swerve.localhost:4173', '/swerve-embed.js', false);
    expect(api.headers['access-control-allow-origin']).toBe('*');
    expect(
      request('swerve.localhost:4173', '/ui-assets/x.js', false).headers['access-control-allow-origin'],
    ).toBe(undefined);
  });

  it("lets any page frame a link's host page (it obeys only its parent), but not a project's or a site app's", () => {
    const link = `h${'0123456789abcdefghijklmnopqrstuv'.repeat(2).slice(0, 52)}`;
    const csp = (host: string, path = '/_swerve/host.html') =>
      request(`${host}.swerve.localhost:4173`, path, true, ['http://127.0.0.1:4175']).headers[
        'content-security-policy'
      ];
    expect(csp(link)).toContain('frame-ancestors *');
    // The same origin's other pages (the bootstrap page a preview gets) keep the narrow list.
    expect(csp(link, '/index.html')).toContain(
      'frame-ancestors http://swerve.localhost:4173 http://127.0.0.1:4175',
    );
    for (const key of ['p0123456789abcdefghijklmno', 'hello', 'h0123']) {
      expect(csp(key)).toContain('frame-ancestors http://swerve.localhost:4173 http://127.0.0.1:4175');
    }
  });

  it('lets only the workers evaluate code, at every origin', () => {
    for (const path of ['/sw.js', '/_swerve/runtime-worker.js', '/_swerve/guest-worker.js']) {
      const csp = request('echo.swerve.localhost:4173', path, false).headers['content-security-policy'];
      expect(csp).toContain("'unsafe-eval'");
      expect(csp).toContain("'wasm-unsafe-eval'");
    }
  });
});
