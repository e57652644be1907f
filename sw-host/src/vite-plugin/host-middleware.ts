/**
 * What the server does for Swerve, by the origin a request came to (docs/decisions/0007):
 * - at an app origin it serves only Swerve's own files (`/_swerve/…`, `/sw.js`); every other
 *   path is the app's, answered by that origin's service worker once it is installed, so the
 *   server answers a navigation with the bootstrap page (install, then reload) and other
 *   clients with a short explanation;
 * - at the site's origin, an old app URL (`/apps/<name>/x`) is redirected to the app's origin,
 *   and the embed page is refused to frames of the site's own domain (embed-framing.ts);
 * - at a loopback address with no name (`127.0.0.1`), a navigation is sent to the site's name
 *   (`swerve.localhost`), under which apps get origins of their own.
 * One static build serves every origin; only these few answers depend on it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Connect } from 'vite';
import { appKeyOf, appOrigin, isAppKey, type OriginsConfig } from '../origins/app-origins.ts';
import { APPS_ROOT, SERVICE_WORKER_PATH, SWERVE_PREFIX } from '../protocol/paths.ts';
import { bootstrapHtml, isNavigation, notABrowserText } from './bootstrap-page.ts';
import { refusedEmbedFraming } from './embed-framing.ts';
import { securityHeaders } from './security-headers.ts';

/** The name the site is served under locally: browsers resolve every `*.localhost` to loopback. */
export const LOCAL_SITE_HOST = 'swerve.localhost';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

function requestOrigin(req: IncomingMessage): string {
  const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  return `${scheme}://${req.headers.host ?? 'localhost'}`;
}

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 302;
  res.setHeader('location', location);
  res.setHeader('cache-control', 'no-store');
  res.end();
}

export function hostMiddleware(origins: OriginsConfig = {}): Connect.NextHandleFunction {
  return (req, res, next) => {
    const origin = requestOrigin(req);
    const url = new URL(req.url ?? '/', origin);
    for (const [name, value] of Object.entries(securityHeaders(url.pathname, origin, origins))) {
      res.setHeader(name, value);
    }
    if (appKeyOf(origin, origins)) {
      if (url.pathname.startsWith(SWERVE_PREFIX) || url.pathname === SERVICE_WORKER_PATH) return next();
      res.setHeader('cache-control', 'no-store');
      if (isNavigation(req.headers)) {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(bootstrapHtml());
      } else {
        res.statusCode = 503;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end(notABrowserText(url.href));
      }
      return;
    }
    const refused = refusedEmbedFraming(url.pathname, req.headers);
    if (refused) {
      res.statusCode = 403;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.end(`${refused}\n`);
      return;
    }
    if (!origins.apps && LOOPBACK.test(url.hostname) && isNavigation(req.headers)) {
      return redirect(
        res,
        `${url.protocol}//${LOCAL_SITE_HOST}${url.port ? `:${url.port}` : ''}${url.pathname}${url.search}`,
      );
    }
    if (url.pathname.startsWith(APPS_ROOT)) {
      const [key = '', ...rest] = url.pathname.slice(APPS_ROOT.length).split('/');
      if (isAppKey(key))
        return redirect(res, `${appOrigin(key, origin, origins)}/${rest.join('/')}${url.search}`);
    }
    next();
  };
}
