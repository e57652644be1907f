/**
 * The response headers Swerve needs from whatever serves the site.
 *
 * The service worker's own CSP comes from the headers of its script response, and it is the
 * only place that may evaluate code: jco's glue needs 'unsafe-eval', compiling components needs
 * 'wasm-unsafe-eval'. Pages get a strict CSP with neither.
 *
 * The worker may connect to any http(s) origin, because components may: a manifest's
 * `allowed_outbound_hosts` can name any host, and the host checks every request against it
 * (apps/app-outbound.ts) before it is made. The CSP trusts nothing more because of that; the
 * manifest check is the gate. (It also lets deploys fetch `source = { url, digest }`, whose
 * digest is checked.)
 */
import { COMPONENTS_PATH, SERVICE_WORKER_PATH } from '../protocol/paths.ts';

export const WORKER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "connect-src 'self' http: https:",
].join('; ');

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** Headers for a response from the server (never for responses the worker makes). */
export function securityHeaders(pathname: string): Record<string, string> {
  if (pathname === SERVICE_WORKER_PATH) {
    return {
      'content-security-policy': WORKER_CSP,
      // The worker must be re-checked on every registration so a deploy is picked up at once.
      'cache-control': 'no-cache',
      'service-worker-allowed': '/',
    };
  }
  if (pathname.startsWith(COMPONENTS_PATH)) {
    // Versioned URLs that never change: cacheable for good, which also lets Chromium keep the
    // compiled code of a module fetched with compileStreaming across browser restarts.
    return { 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' };
  }
  return { 'content-security-policy': PAGE_CSP, 'x-content-type-options': 'nosniff' };
}
