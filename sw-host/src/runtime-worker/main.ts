/**
 * The host's runtime in a dedicated worker, owned by an app's host page where the browser allows
 * no service worker (a frame on another site: docs/decisions/0007). It serves the same apps with
 * the same `AppHost` as the service worker; requests come to it as `fetch` messages from the
 * host page instead of as fetch events, so the app's own documents cannot load in this mode.
 *
 * Served with the same CSP as the service worker (jco's glue is evaluated, components compiled).
 */
/// <reference lib="webworker" />
import { IdbAppStore, indexedDbAllowed, MemoryAppStore } from '../apps/app-store.ts';
import { useMemoryStores } from '../apps/kv-stores.ts';
import { useMemoryDatabases } from '../apps/sqlite-databases.ts';
import { AppHost } from '../host/app-host.ts';
import { WasmExecutor } from '../runtime/wasm-executor.ts';
import { handleHostMessage } from '../host/protocol-handlers.ts';

declare const self: DedicatedWorkerGlobalScope;

// A frame on another site may be denied IndexedDB too (third-party storage blocked): then apps
// and their stores live in memory, for as long as the frame does.
const starting = indexedDbAllowed().then((durable) => {
  if (!durable) useMemoryStores();
  if (!durable) useMemoryDatabases();
  const store = durable ? new IdbAppStore() : new MemoryAppStore();
  const host = new AppHost(self.location.origin, store, new WasmExecutor(store));
  void host.registry.load().catch(() => undefined);
  return host;
});

self.addEventListener('message', (event) => {
  void starting.then((host) =>
    handleHostMessage({ host, origin: self.location.origin }, event.data, event.ports),
  );
});
