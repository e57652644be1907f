/**
 * Shared set-up for the guest-interface tests: host contexts over memory or fake-indexeddb
 * backends, and a way to catch what a host function throws.
 */
import { IDBFactory } from 'fake-indexeddb';
import { idbBackends, memoryBackends } from './backend-provider.ts';
import type { KvBackendProvider } from './backend-provider.ts';
import type { KvBackend } from './kv-backend.ts';
import { InProcessKvLock } from './kv-lock.ts';
import type { KvLock } from './kv-lock.ts';
import type { KvHostContext } from './kv-session.ts';

/** Makes an app's backends; one `BackendWorld` is one browser profile (one origin's storage). */
export type BackendWorld = (appId: string) => KvBackendProvider;

/** The backends every guest-interface test runs against. */
export const backendWorlds: ReadonlyArray<readonly [string, () => BackendWorld]> = [
  ['memory', () => memoizeApps((appId) => memoryBackends(appId))],
  [
    'IndexedDB',
    () => {
      const factory = new IDBFactory();
      return memoizeApps((appId) => idbBackends(appId, { factory }));
    },
  ],
];

/** A host context plus the warnings it received. */
export interface TestContext extends KvHostContext {
  readonly warnings: string[];
}

/** A context for one component instance of `appId`. */
export function testContext(
  world: BackendWorld,
  options: {
    appId?: string;
    labels?: string[];
    defined?: string[];
    lock?: KvLock;
    tableCapacity?: number;
    backendFor?: (label: string) => KvBackend | undefined;
  } = {},
): TestContext {
  const appId = options.appId ?? 'app';
  const defined = new Set(options.defined ?? options.labels ?? ['default']);
  const warnings: string[] = [];
  const provider = world(appId);
  return {
    appId,
    allowedLabels: options.labels ?? ['default'],
    backendFor: options.backendFor ?? ((label) => (defined.has(label) ? provider(label) : undefined)),
    warn: (message) => warnings.push(message),
    lock: options.lock ?? new InProcessKvLock(),
    ...(options.tableCapacity === undefined ? {} : { tableCapacity: options.tableCapacity }),
    warnings,
  };
}

/** What `promise` rejects with; fails if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Text as bytes. */
export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function memoizeApps(make: BackendWorld): BackendWorld {
  const apps = new Map<string, KvBackendProvider>();
  return (appId) => {
    let provider = apps.get(appId);
    if (provider === undefined) {
      provider = make(appId);
      apps.set(appId, provider);
    }
    return provider;
  };
}
