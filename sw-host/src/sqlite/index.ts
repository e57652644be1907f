/**
 * Spin's SQLite for guests (`fermyon:spin/sqlite@2.0.0`, `spin:sqlite/sqlite@3.0.0`) over
 * SQLite compiled to WebAssembly, each database kept as an image in the origin's IndexedDB
 * (or memory) under a lock shared by the origin's realms (decision 0024).
 */
export { createSqliteImports, spinSqliteConnectionClass, type SqliteImports } from './spin-sqlite.ts';
export { SqliteSession, type SqliteHostContext } from './sqlite-session.ts';
export { SqliteDatabase } from './sqlite-database.ts';
export { MemoryImageStore, type ImageStore } from './image-store.ts';
export { IdbImageStore, deleteIdbDatabases, sqliteDatabaseName } from './idb-image-store.ts';
export { SqliteFailure, toSpinSqliteError, type SpinSqliteError } from './sqlite-failure.ts';
export { SqliteConnection } from './sqlite-connection.ts';
export { sqliteEngine } from './sqlite-engine.ts';
export type { SqliteValue, SqliteRow, SqliteQueryResult } from './sqlite-values.ts';
export * from './limits.ts';
