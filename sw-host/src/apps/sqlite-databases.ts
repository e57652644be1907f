/**
 * Each app's SQLite databases as this realm reaches them: one `SqliteDatabase` per (app, label)
 * for the life of the worker, its image in the origin's IndexedDB, or in memory where the
 * worker may not use IndexedDB. Spin defines one database, `default`, unless a runtime config
 * adds more; Swerve defines `default` only.
 */
import { defaultKvLock } from '../kv/kv-lock.ts';
import { globalIndexedDB } from '../kv/idb-database.ts';
import {
  deleteIdbDatabases,
  IdbImageStore,
  MemoryImageStore,
  SqliteDatabase,
  type ImageStore,
} from '../sqlite/index.ts';
import type { DeployedApp } from './deployed-app.ts';

/** The databases every app has. */
export const DEFINED_SQLITE_DATABASES: readonly string[] = ['default'];

const databases = new Map<string, SqliteDatabase>();
let inMemory = false;

/** Keeps every database in memory from now on (the worker was denied IndexedDB). */
export function useMemoryDatabases(): void {
  inMemory = true;
}

/** The database `label` of `app`, or undefined when the app has none by that name. */
export function appDatabase(app: DeployedApp, label: string): SqliteDatabase | undefined {
  if (!DEFINED_SQLITE_DATABASES.includes(label)) return undefined;
  const key = `${encodeURIComponent(app.name)}:${encodeURIComponent(label)}`;
  let database = databases.get(key);
  if (!database) {
    database = new SqliteDatabase(key, label, imageStore(app.name, label), defaultKvLock());
    databases.set(key, database);
  }
  return database;
}

function imageStore(appId: string, label: string): ImageStore {
  const factory = inMemory ? undefined : globalIndexedDB();
  return factory ? new IdbImageStore(factory, appId, label) : new MemoryImageStore();
}

/**
 * Deletes every SQLite database of the app named `appId` (the app was removed): its stored
 * images, and this realm's handles. Other realms notice at their next use, when the stored
 * generation no longer matches the one they hold.
 */
export async function deleteAppDatabases(appId: string): Promise<void> {
  const prefix = `${encodeURIComponent(appId)}:`;
  for (const key of [...databases.keys()]) if (key.startsWith(prefix)) databases.delete(key);
  const factory = inMemory ? undefined : globalIndexedDB();
  if (factory) await deleteIdbDatabases(factory, appId);
}
