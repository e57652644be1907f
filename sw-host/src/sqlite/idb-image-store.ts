/**
 * A database's image in the origin's IndexedDB: one IndexedDB database per (app, label), named
 * `swerve-sqlite-v1:<app>:<label>` (parts URI-encoded) with one object store `image` holding
 * two records, `generation` and `image`, written together in one strict-durability transaction
 * (as key-value writes are, decision 0006): a write the guest saw succeed survives a crash.
 */
import { promisifyRequest } from 'idb-keyval';
import { isQuotaExceeded } from '../kv/kv-storage-error.ts';
import { openDurableStore, type DurableStore } from '../kv/idb-database.ts';
import { EMPTY_GENERATION, newGeneration, type ImageStore, type StoredImage } from './image-store.ts';
import { SqliteFailure } from './sqlite-failure.ts';

/** The layout version of the stored data; part of every database name. */
export const SQLITE_SCHEMA_VERSION = 1;
const PREFIX = `swerve-sqlite-v${SQLITE_SCHEMA_VERSION}:`;
const IMAGE_STORE = 'image';

/** The IndexedDB database name of an app's SQLite database `label`. */
export function sqliteDatabaseName(appId: string, label: string): string {
  return `${appPrefix(appId)}${encodeURIComponent(label)}`;
}

function appPrefix(appId: string): string {
  return `${PREFIX}${encodeURIComponent(appId)}:`;
}

export class IdbImageStore implements ImageStore {
  readonly #store: DurableStore;
  readonly #label: string;

  constructor(factory: IDBFactory, appId: string, label: string) {
    this.#store = openDurableStore(factory, sqliteDatabaseName(appId, label), IMAGE_STORE);
    this.#label = label;
  }

  generation(): Promise<string> {
    return this.#io('read', (store) => promisifyRequest(store.get('generation'))).then((value) =>
      typeof value === 'string' ? value : EMPTY_GENERATION,
    );
  }

  async read(): Promise<StoredImage> {
    const [generation, image] = await this.#io('read', (store) =>
      Promise.all([promisifyRequest(store.get('generation')), promisifyRequest(store.get('image'))]),
    );
    return {
      generation: typeof generation === 'string' ? generation : EMPTY_GENERATION,
      image: image instanceof Uint8Array ? image : undefined,
    };
  }

  write(image: Uint8Array): Promise<string> {
    const generation = newGeneration();
    return this.#io('readwrite', async (store) => {
      store.put(image, 'image');
      store.put(generation, 'generation');
      await promisifyRequest(store.transaction);
      return generation;
    });
  }

  async #io<T>(mode: 'read' | 'readwrite', work: (store: IDBObjectStore) => Promise<T>): Promise<T> {
    try {
      return await this.#store.use(mode === 'read' ? 'readonly' : 'readwrite', work);
    } catch (error) {
      if (error instanceof SqliteFailure) throw error;
      const database = `SQLite database "${this.#label}"`;
      if (isQuotaExceeded(error)) {
        throw new SqliteFailure(
          'io',
          `${database}: the browser storage is full (quota exceeded), so nothing was written. Delete rows you no longer need, or free space used by this site, then retry.`,
          { cause: error },
        );
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new SqliteFailure('io', `${database}: the browser's IndexedDB failed: ${reason}`, {
        cause: error,
      });
    }
  }
}

/**
 * Deletes every SQLite database of `appId` in this origin's IndexedDB (for an app removed).
 * Connections other realms hold close themselves on `versionchange` (kv/idb-database.ts).
 */
export async function deleteIdbDatabases(factory: IDBFactory, appId: string): Promise<string[]> {
  const prefix = appPrefix(appId);
  const names = (await factory.databases())
    .map((info) => info.name)
    .filter((name): name is string => name?.startsWith(prefix) === true);
  await Promise.all(names.map((name) => promisifyRequest(factory.deleteDatabase(name))));
  return names;
}
