/**
 * Requests pages make of an app's SQLite databases (tests, seeding, inspecting): the same
 * databases the app's components use.
 */
import type { SqliteQueryResult, SqliteValue } from '../sqlite/sqlite-values.ts';

export interface SqliteRequests {
  /** Runs one statement, as a component's `execute` does, with Spin's values as parameters. */
  'sqlite-execute': { app: string; label: string; statement: string; parameters: SqliteValue[] };
  /** Empties the database: no tables, no rows. */
  'sqlite-clear': { app: string; label: string };
  /** The database as a SQLite database file (its image as stored), to save or open elsewhere. */
  'sqlite-image': { app: string; label: string };
}

export interface SqliteReplies {
  'sqlite-execute': SqliteQueryResult & { changes: bigint; lastInsertRowid: bigint };
  'sqlite-clear': { done: true };
  'sqlite-image': { image: Uint8Array };
}
