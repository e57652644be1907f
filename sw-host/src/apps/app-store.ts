/**
 * Deployed apps and their components' transpiled artifacts, kept in IndexedDB so that they
 * survive reloads, browser restarts and the worker being stopped.
 *
 * Two databases, each named with a schema version so a later change can migrate: definitions
 * are small and listed at every worker start; artifacts are megabytes each and read only when a
 * component is first loaded. Artifacts are keyed by version (a hash of the component), so two
 * apps deploying the same component share one copy.
 */
import { del, entries, get, keys, set, type UseStore } from 'idb-keyval';
import { globalIndexedDB, openDurableStore } from '../kv/idb-database.ts';
import type { AppDefinition } from './app-definition.ts';

/** A component's transpiled form as stored. */
export interface StoredArtifacts {
  glue: string;
  coreModules: Record<string, Uint8Array>;
}

/** Where the host keeps deployed apps: IndexedDB, or memory where the browser denies it storage. */
export interface AppStore {
  /** Whether what is stored outlives this worker. */
  readonly durable: boolean;
  definitions(): Promise<AppDefinition[]>;
  saveDefinition(definition: AppDefinition): Promise<void>;
  removeDefinition(name: string): Promise<void>;
  artifacts(version: string): Promise<StoredArtifacts | undefined>;
  saveArtifacts(version: string, artifacts: StoredArtifacts): Promise<void>;
  /** The versions that have artifacts stored. */
  artifactVersions(): Promise<string[]>;
  removeArtifacts(version: string): Promise<void>;
}

export class IdbAppStore implements AppStore {
  readonly durable = true;
  readonly #apps: UseStore;
  readonly #artifacts: UseStore;

  constructor(prefix = 'swerve') {
    // Connections that reopen after a failure (kv/idb-database.ts): idb-keyval's own store keeps
    // its first connection, so one closed by the browser would fail every call until a restart.
    const factory = globalIndexedDB();
    if (!factory) throw new Error('IdbAppStore needs IndexedDB; use MemoryAppStore where there is none.');
    this.#apps = openDurableStore(factory, `${prefix}-apps-v1`, 'apps').use;
    this.#artifacts = openDurableStore(factory, `${prefix}-artifacts-v1`, 'artifacts').use;
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

  async artifactVersions(): Promise<string[]> {
    return (await keys(this.#artifacts)).map(String);
  }

  removeArtifacts(version: string): Promise<void> {
    return del(version, this.#artifacts);
  }
}

/**
 * Apps kept for the life of the worker only: where the browser gives a frame no storage (a
 * frame on another site with third-party storage blocked).
 */
export class MemoryAppStore implements AppStore {
  readonly durable = false;
  readonly #apps = new Map<string, AppDefinition>();
  readonly #artifacts = new Map<string, StoredArtifacts>();

  async definitions(): Promise<AppDefinition[]> {
    return [...this.#apps.values()];
  }

  async saveDefinition(definition: AppDefinition): Promise<void> {
    this.#apps.set(definition.name, definition);
  }

  async removeDefinition(name: string): Promise<void> {
    this.#apps.delete(name);
  }

  async artifacts(version: string): Promise<StoredArtifacts | undefined> {
    return this.#artifacts.get(version);
  }

  async saveArtifacts(version: string, artifacts: StoredArtifacts): Promise<void> {
    this.#artifacts.set(version, artifacts);
  }

  async artifactVersions(): Promise<string[]> {
    return [...this.#artifacts.keys()];
  }

  async removeArtifacts(version: string): Promise<void> {
    this.#artifacts.delete(version);
  }
}

/** Whether this realm may use IndexedDB (a third-party frame may be denied it). */
export async function indexedDbAllowed(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  return new Promise((resolve) => {
    try {
      const request = indexedDB.open('swerve-storage-check');
      request.onsuccess = () => {
        request.result.close();
        resolve(true);
      };
      request.onerror = () => resolve(false);
      request.onblocked = () => resolve(true);
    } catch {
      resolve(false);
    }
  });
}
