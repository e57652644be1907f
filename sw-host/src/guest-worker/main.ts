/**
 * A guest worker: a dedicated worker that an app's host page starts so that guests run in
 * parallel, off the service worker's thread (docs/decisions/0019). The host page gives it a port
 * to the service worker (`connect`, again after each restart of the service worker); the service
 * worker sends runs on it (guest-pool/guest-worker-server.ts). It first tells the page its build.
 *
 * Served with the workers' CSP (jco's glue is evaluated, components compiled). Key-value stores
 * are the origin's IndexedDB ones, whose updates are atomic across threads (decision 0006); the
 * host page starts guest workers only where it has a service worker, which always has IndexedDB.
 */
/// <reference lib="webworker" />
import { IdbAppStore } from '../apps/app-store.ts';
import { guestStarted, type GuestConnect } from '../guest-pool/messages.ts';
import { GuestWorkerServer } from '../guest-pool/guest-worker-server.ts';
import { WasmExecutor } from '../runtime/wasm-executor.ts';

declare const self: DedicatedWorkerGlobalScope;
declare const __SWERVE_BUILD__: string;

const server = new GuestWorkerServer(new WasmExecutor(new IdbAppStore()), self.name);

self.addEventListener('message', (event: MessageEvent<GuestConnect>) => {
  if (event.data?.kind === 'connect' && event.data.port) server.serve(event.data.port);
});
// The page tells the service worker which build this worker runs; only a worker of its own build
// gets runs (sw/pool-attach.ts).
self.postMessage(guestStarted(__SWERVE_BUILD__));
