/**
 * Deployed apps and their components' transpiled artifacts, kept in IndexedDB so that they
 * survive reloads, browser restarts and the worker being stopped.
 *
 * Two databases, each named with a schema version so a later change can migrate: definitions
 * are small and listed at every worker start; artifacts are megabytes each and read only when a
 * component is first loaded. Artifacts are keyed by version (a hash of the component), so two
 * apps deploying the same component share one copy.
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import type { AppDefinition } from './app-definition.ts';

/** A component's transpiled form as stored. */
export interface StoredArtifacts {
  glue: string;
  coreModules: Record<string, Uint8Array>;
}

export class AppStore {
  readonly #apps: UseStore;
  readonly #artifacts: UseStore;

  constructor(prefix = 'swerve') {
    this.#apps = createStore(`${prefix}-apps-v1`, 'apps');
    this.#artifacts = createStore(`${prefix}-artifacts-v1`, 'artifacts');
  }

  async definitions(): Promise<AppDefinition[]> {
    return (await entries<string, AppDefinition>(this.#apps)).map(([, definition]) => definition);
  }

  saveDefinition(definition: AppDefinition): Promise<void> {
    return set(definition.name, definition, this.#apps);
  }

  removeDefinition(name: string): Promise<void> {
    return del(name, this.#apps);
  }

  artifacts(version: string): Promise<StoredArtifacts | undefined> {
    return get<StoredArtifacts>(version, this.#artifacts);
  }

  saveArtifacts(version: string, artifacts: StoredArtifacts): Promise<void> {
    return set(version, artifacts, this.#artifacts);
  }
}
