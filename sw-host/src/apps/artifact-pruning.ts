/**
 * Deletes what no deployed app uses any more: the stored artifacts of components that a redeploy
 * replaced or a removal left behind (megabytes each, in IndexedDB), and their compiled code in
 * Cache Storage (core-wasm/code-cache.ts). Without it, every component a playground project or a
 * test ever uploaded would stay in the browser's storage for good.
 *
 * A deploy stores its components' artifacts before it stores the definition that names them, so
 * a prune in between would delete what the deploy is about to serve. Deploys, removals and
 * prunes therefore run one at a time, under one lock (`withAppStoreLock`): a Web Lock, which
 * holds across every worker and tab of the origin.
 */
import { defaultKvLock } from '../kv/kv-lock.ts';
import type { AppStore } from './app-store.ts';

const APP_STORE_LOCK = 'swerve-app-store';

/** Runs `task` while no other deploy, removal or prune of this origin runs. */
export function withAppStoreLock<T>(task: () => Promise<T>): Promise<T> {
  return defaultKvLock().run(APP_STORE_LOCK, task);
}

/** The component versions the stored apps use. */
export async function versionsInUse(store: AppStore): Promise<Set<string>> {
  const inUse = new Set<string>();
  for (const definition of await store.definitions()) {
    for (const component of Object.values(definition.components)) {
      if (component.kind === 'stored') inUse.add(component.version);
    }
  }
  return inUse;
}

/**
 * Deletes the artifacts, and through `pruneCompiled` the compiled code, of every version no
 * stored app uses; returns the versions deleted. Call it holding `withAppStoreLock`.
 */
export async function pruneArtifacts(
  store: AppStore,
  pruneCompiled: (inUse: ReadonlySet<string>) => Promise<void> = async () => undefined,
): Promise<string[]> {
  const inUse = await versionsInUse(store);
  const unused = (await store.artifactVersions()).filter((version) => !inUse.has(version));
  for (const version of unused) await store.removeArtifacts(version);
  await pruneCompiled(inUse);
  return unused;
}
