/**
 * The Swerve service worker: wires the worker's events to the host and delegates everything.
 *
 * Lifecycle: a new worker calls `skipWaiting()` on install and `clients.claim()` on activate,
 * so the first page that registers it is controlled at once and a deploy takes over open tabs
 * without waiting for them to close. Pages compare `HOST_PROTOCOL_VERSION` in the `hello`
 * handshake to notice a worker from another deploy.
 *
 * Interception: only same-origin requests under the apps root (`/apps/...`, navigations
 * included) and the plain JavaScript baseline route are answered here; everything else (the
 * site's own pages and assets) goes to the network untouched, because we never call
 * `respondWith` for it.
 *
 * The worker script is served with a CSP that allows 'unsafe-eval' (jco's glue is evaluated at
 * run time; `import()` is forbidden in service workers) and 'wasm-unsafe-eval' (compiling the
 * components). Pages keep a strict CSP. See docs/decisions/0002-evaluate-jco-glue-in-the-service-worker.md.
 */
/// <reference lib="webworker" />
import { APPS_ROOT, PLAIN_ROUTE_PATH } from '../protocol/paths.ts';
import { AppHost } from './app-host.ts';
import { handleHostMessage } from './message-handler.ts';
import { plainResponse } from './plain-route.ts';

declare const self: ServiceWorkerGlobalScope;

const host = new AppHost();

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  // Fetch the catalog now, so the first app request does not wait for it.
  event.waitUntil(Promise.all([self.clients.claim(), host.catalog().catch(() => undefined)]));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === PLAIN_ROUTE_PATH) {
    event.respondWith(plainResponse());
  } else if (url.pathname.startsWith(APPS_ROOT)) {
    event.respondWith(host.handle(event.request));
  }
});

self.addEventListener('message', (event) => {
  event.waitUntil(handleHostMessage({ scope: self, host }, event));
});
