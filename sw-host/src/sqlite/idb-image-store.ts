/**
 * A database's image in the origin's IndexedDB: one IndexedDB database per (app, label), named
 * `swerve-sqlite-v1:<app>:<label>` (parts URI-encoded) with one object store `image` holding
 * the image in chunks of IMAGE_CHUNK_BYTES under keys 0, 1, 2, ..., its `size` and its
 * `generation`, written together in one strict-durability transaction (as key-value writes
 * are, decision 0006): a write the guest saw succeed survives a crash, and a reader sees one
 * generation whole. A write stores only the chunks that differ from the image stored before,
 * so an insert into a large database writes a few chunks, not the database.
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
/** The unit of storage: SQLite pages are 4 KiB, so a row written touches one chunk or two. */
export const IMAGE_CHUNK_BYTES = 64 * 1024;
/** Chunk keys from `first` on (numbers sort before the string keys `generation` and `size`). */
function chunksFrom(first: number): IDBKeyRange {
  return IDBKeyRange.bound(first, Number.MAX_SAFE_INTEGER);
}

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
    const [generation, size, chunks] = await this.#io('read', (store) =>
      Promise.all([
        promisifyRequest(store.get('generation')),
        promisifyRequest(store.get('size')),
        promisifyRequest(store.getAll(chunksFrom(0))),
      ]),
    );
    if (typeof generation !== 'string' || typeof size !== 'number') {
      return { generation: EMPTY_GENERATION, image: undefined };
    }
    const image = new Uint8Array(size);
    chunks.forEach((chunk: unknown, index) => {
      if (!(chunk instanceof Uint8Array) || index * IMAGE_CHUNK_BYTES + chunk.byteLength > size) {
        throw new SqliteFailure(
          'io',
          `SQLite database "${this.#label}" is stored damaged (chunk ${index}); delete the app's data to start again.`,
        );
      }
      image.set(chunk, index * IMAGE_CHUNK_BYTES);
    });
    return { generation, image };
  }

  write(image: Uint8Array, previous?: StoredImage): Promise<string> {
    const generation = newGeneration();
    const before = previous?.image;
    return this.#io('readwrite', async (store) => {
      const count = Math.ceil(image.byteLength / IMAGE_CHUNK_BYTES);
      for (let index = 0; index < count; index++) {
        const chunk = image.subarray(index * IMAGE_CHUNK_BYTES, (index + 1) * IMAGE_CHUNK_BYTES);
        if (
          before &&
          sameBytes(chunk, before.subarray(index * IMAGE_CHUNK_BYTES, (index + 1) * IMAGE_CHUNK_BYTES))
        )
          continue;
        store.put(chunk.slice(), index);
      }
      // A database that shrank (VACUUM) leaves no chunk behind.
      store.delete(chunksFrom(count));
      store.put(image.byteLength, 'size');
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

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  // Four bytes at a time where both are aligned (chunks of exported images are).
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0 && a.byteLength % 4 === 0) {
    const x = new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4);
    const y = new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
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
