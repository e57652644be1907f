/**
 * The Swerve service worker: wires the worker's events to the host and delegates everything.
 *
 * Each origin has its own worker: at an app's origin it serves that app (docs/decisions/0007),
 * under `swerve up` the one app of the folder.
 *
 * Lifecycle: a new worker calls `skipWaiting()` on install and `clients.claim()` on activate,
 * so the first page that registers it is controlled at once and a deploy takes over open tabs
 * without waiting for them to close. Every message carries `HOST_PROTOCOL_VERSION`, and the host
 * page compares build ids in the `hello` handshake, so a worker from another deploy is updated
 * rather than used.
 *
 * Interception (sw/request-routing.ts): requests under an app's mount, navigations included,
 * and requests from documents an app served are answered here (in a benchmark build, the plain
 * JavaScript baseline route too: `__SWERVE_BENCH_ROUTE__`, false in every other build, so the
 * bundler drops it); everything else (Swerve's own files, the site's pages and assets) goes to the network
 * untouched, because we never call `respondWith` for it.
 *
 * The worker script is served with a CSP that allows 'unsafe-eval' (jco's glue is evaluated at
 * run time; `import()` is forbidden in service workers) and 'wasm-unsafe-eval' (compiling the
 * components). Pages keep a strict CSP. See docs/decisions/0002-evaluate-jco-glue-in-the-service-worker.md.
 */
/// <reference lib="webworker" />
import { PLAIN_ROUTE_PATH } from '../protocol/paths.ts';
import { IdbAppStore } from '../apps/app-store.ts';
import { AppHost } from '../host/app-host.ts';
import { GuestPool } from '../guest-pool/guest-pool.ts';
import { WasmExecutor } from '../runtime/wasm-executor.ts';
import { handleHostMessage } from '../host/protocol-handlers.ts';
import { attachPool, requestPools } from './pool-attach.ts';
import { redeployFirst, withLiveReloadScript } from './live-reload.ts';
import { plainResponse } from './plain-route.ts';
import { RequestRouting, type Routing } from './request-routing.ts';
import { ORIGINS } from '../origins/configured-origins.ts';
import { siteOfApp } from '../origins/site-relation.ts';
import { fetchMetadata, type Arrival } from './fetch-metadata.ts';
import { judgeNavigation, navigationHeaders, refusal, withHeaders } from './navigation-guard.ts';

declare const self: ServiceWorkerGlobalScope;
/** Set by the build (vite-plugin/build-host-scripts.ts): true only for the benchmark's build. */
declare const __SWERVE_BENCH_ROUTE__: boolean;
declare const __SWERVE_BUILD__: string;

const store = new IdbAppStore();
// Guests run in the guest workers host pages attach, else here (docs/decisions/0019).
const pool = new GuestPool(new WasmExecutor(store));
const host = new AppHost(self.location.origin, store, pool);
const routing = new RequestRouting(host.registry, self.clients, self.location.origin);
/** Where requests arrive: this app origin and its site (none under `swerve up`). */
const arrival: Arrival = {
  origin: self.location.origin,
  site: siteOfApp(self.location.origin, ORIGINS),
  config: ORIGINS,
};
const embedders = (ORIGINS.embedders ?? []).map((embedder) => new URL(embedder).origin);
// Start loading the apps now, so the first request rarely waits for them.
void host.registry.load();
// A restarted worker has lost the ports of every pool: open host pages attach theirs again.
void requestPools(self.clients).catch(() => undefined);

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

async function respond(event: FetchEvent, decision: Routing): Promise<Response> {
  switch (decision.kind) {
    case 'pass':
      return fetch(event.request);
    case 'no-app':
      return new Response(null, { status: 404 });
    case 'redirect':
      return Response.redirect(decision.location, decision.status);
    case 'later':
      return respond(event, await decision.decide());
    case 'app': {
      const { app, pathInApp } = decision;
      const navigation = event.request.mode === 'navigate';
      // Another origin's frame or form: refused before the guest runs (sw/navigation-guard.ts).
      const optIn = app.manifest.application.navigation;
      const verdict = judgeNavigation(event.request, pathInApp, arrival, embedders, optIn);
      if (verdict.kind === 'refuse') {
        host.events.log({ level: 'warn', source: 'host', app: app.name, message: verdict.reason });
        return refusal(verdict.reason);
      }
      if (verdict.widened)
        host.events.log({ level: 'info', source: 'host', app: app.name, message: verdict.widened });
      const live = navigation ? host.liveReload : undefined;
      const version = app.definition.version;
      if (live) {
        const redirect = await redeployFirst(live, version, new URL(event.request.url));
        if (redirect) return redirect;
      }
      const metadata = fetchMetadata(event.request, arrival);
      const response = await host.handle(event.request, app, pathInApp, undefined, metadata);
      if (!navigation) return response;
      routing.rememberDocument(event.resultingClientId, app);
      const document = withHeaders(response, navigationHeaders(arrival, embedders, optIn));
      return live ? withLiveReloadScript(document, live, version) : document;
    }
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (__SWERVE_BENCH_ROUTE__ && url.origin === self.location.origin && url.pathname === PLAIN_ROUTE_PATH) {
    event.respondWith(plainResponse());
    return;
  }
  const decision = routing.decide(event.request, event.clientId);
  if (decision.kind === 'pass') return;
  // Never let respondWith reject: the browser would show a network error and log nothing useful.
  event.respondWith(
    respond(event, decision).catch((error: unknown) => {
      console.error(error);
      // Whatever failed (IndexedDB refusing the app registry, say) is tried again on the next
      // request (apps/app-registry.ts), so say that rather than leave a bare error page.
      const reason = error instanceof Error ? error.message : String(error);
      return new Response(`Swerve could not serve this request: ${reason}\nReload to try again.\n`, {
        status: 503,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' },
      });
    }),
  );
});

self.addEventListener('message', (event) => {
  if (attachPool(pool, self.clients, event, __SWERVE_BUILD__)) return;
  const context = { host, origin: self.location.origin, claim: () => self.clients.claim() };
  event.waitUntil(handleHostMessage(context, event.data, event.ports));
});
