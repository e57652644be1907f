/**
 * SQLite itself: the official build compiled to WebAssembly (`@sqlite.org/sqlite-wasm`), loaded
 * once per realm on first use, so a worker whose apps never touch SQLite never fetches its
 * 0.9 MB module. Databases live in this module's memory (`:memory:` connections filled from a
 * stored image): where they are kept between uses is database-store.ts's business.
 */
import type { Sqlite3Static } from '@sqlite.org/sqlite-wasm';

let engine: Promise<Sqlite3Static> | undefined;

/** The SQLite module of this realm, loaded on first call. */
export function sqliteEngine(): Promise<Sqlite3Static> {
  engine ??= import('@sqlite.org/sqlite-wasm')
    .then(async ({ default: init }) => init())
    .catch((error: unknown) => {
      // Let the next use try again (a failed fetch of the module is not forever).
      engine = undefined;
      throw error;
    });
  return engine;
}
