/**
 * Each app's key-value stores, shared by its guests' instances and by pages: one IndexedDB
 * connection per (app, label) for the life of the worker, or memory stores where the worker
 * may not use IndexedDB.
 */
import { SwerveError } from '../errors.ts';
import { idbBackends, memoryBackends, type KvBackend, type KvBackendProvider } from '../kv/index.ts';
import type { DeployedApp } from './deployed-app.ts';

const providers = new Map<string, KvBackendProvider>();
let makeProvider: (app: string) => KvBackendProvider = idbBackends;

/** Keeps every store in memory from now on (the worker was denied IndexedDB). */
export function useMemoryStores(): void {
  makeProvider = memoryBackends;
}

/** The store `label` of `app`, or undefined when the app defines no such store. */
export function appStore(app: DeployedApp, label: string): KvBackend | undefined {
  if (!app.definesStore(label)) return undefined;
  let provider = providers.get(app.name);
  if (!provider) providers.set(app.name, (provider = makeProvider(app.name)));
  return provider(label);
}

/** Like `appStore`, for pages: a missing store is an error that says which stores exist. */
export function requireAppStore(app: DeployedApp, label: string): KvBackend {
  const store = appStore(app, label);
  if (!store) {
    const defined = ['default', ...app.definition.keyValueStores].map((name) => `"${name}"`).join(', ');
    throw new SwerveError(
      'kv-invalid',
      `App "${app.name}" has no key-value store "${label}"; it has ${defined}.`,
    );
  }
  return store;
}
