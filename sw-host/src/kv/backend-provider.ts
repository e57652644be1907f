/**
 * `backendFor` functions for `KvHostContext`: one backend per label for one app, made on first
 * use and then reused, so every request of the app shares one IndexedDB connection per store.
 */
import type { KvBackend } from './kv-backend.ts';
import { IdbKvBackend } from './idb-backend.ts';
import type { IdbKvBackendOptions } from './idb-backend.ts';
import { MemoryKvBackend } from './memory-backend.ts';

/** A label's backend for one app. */
export type KvBackendProvider = (label: string) => KvBackend;

/** IndexedDB backends for `appId`'s stores; apps never share a database. */
export function idbBackends(appId: string, options: IdbKvBackendOptions = {}): KvBackendProvider {
  return cached((label) => new IdbKvBackend(appId, label, options));
}

/** Memory backends for one app (for tests, or hosts without IndexedDB). */
export function memoryBackends(appId: string): KvBackendProvider {
  return cached((label) => new MemoryKvBackend(`swerve-kv-memory:${appId}:${label}`));
}

function cached(make: KvBackendProvider): KvBackendProvider {
  const backends = new Map<string, KvBackend>();
  return (label) => {
    let backend = backends.get(label);
    if (backend === undefined) {
      backend = make(label);
      backends.set(label, backend);
    }
    return backend;
  };
}
