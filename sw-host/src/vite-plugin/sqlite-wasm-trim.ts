/**
 * `@sqlite.org/sqlite-wasm` names two files the host never uses by `new URL(..., import.meta.url)`,
 * which makes the bundler ship them: the OPFS VFS's proxy worker (the host keeps databases as
 * images in IndexedDB, decision 0024) and the Worker1 API's worker, which the bundler builds as
 * a module worker with a second copy of sqlite3.wasm (0.9 MB). This plugin cuts both references,
 * so each host build ships one sqlite3.wasm and nothing else of SQLite's. Reaching either place
 * anyway throws, saying so.
 */
import type { Plugin } from 'vite';

const SQLITE_MODULE = /@sqlite\.org[\\/]sqlite-wasm[\\/]dist[\\/]index\.mjs$/;

/** What each unused reference is replaced by: an error, if it is ever reached. */
const UNSHIPPED = {
  'new URL("sqlite3-opfs-async-proxy.js", import.meta.url)':
    '(() => { throw new Error("Swerve ships no OPFS proxy worker for SQLite: databases are kept in IndexedDB."); })()',
  'new Worker(new URL("sqlite3-worker1.mjs", import.meta.url), { type: "module" })':
    '(() => { throw new Error("Swerve ships no SQLite Worker1 worker: SQLite runs in the worker that uses it."); })()',
};

/** `code` (sqlite-wasm's module) without the references to the files the host does not ship. */
export function trimSqliteWasm(code: string, id: string): string {
  let trimmed = code;
  for (const [reference, replacement] of Object.entries(UNSHIPPED)) {
    if (trimmed.split(reference).length !== 2) {
      // A release that changed the module's shape: fail the build rather than ship the files
      // again unnoticed.
      throw new Error(
        `sqlite-wasm-trim: ${id} no longer has exactly one ${reference}. ` +
          "Update sw-host/src/vite-plugin/sqlite-wasm-trim.ts to sqlite-wasm's new module.",
      );
    }
    trimmed = trimmed.replace(reference, replacement);
  }
  return trimmed;
}

export function sqliteWasmTrim(): Plugin {
  return {
    name: 'swerve-sqlite-wasm-trim',
    transform(code, id) {
      if (!SQLITE_MODULE.test(id)) return undefined;
      return { code: trimSqliteWasm(code, id), map: null };
    },
  };
}
