/**
 * The host's runtime in a dedicated worker, owned by an app's host page where the browser allows
 * no service worker (a frame on another site: docs/decisions/0007). It serves the same apps with
 * the same `AppHost` as the service worker; requests come to it as `fetch` messages from the
 * host page instead of as fetch events, so the app's own documents cannot load in this mode.
 *
 * Served with the same CSP as the service worker (jco's glue is evaluated, components compiled).
 */
/// <reference lib="webworker" />
import { AppHost } from '../host/app-host.ts';
import { handleHostMessage } from '../host/handle-request.ts';

declare const self: DedicatedWorkerGlobalScope;

const host = new AppHost(self.location.origin);
void host.registry.load().catch(() => undefined);

self.addEventListener('message', (event) => {
  void handleHostMessage({ host, origin: self.location.origin }, event.data, event.ports);
});
