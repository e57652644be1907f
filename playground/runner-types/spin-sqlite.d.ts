/** Spin's SQLite databases, as the Spin JS SDK names them; the component needs `sqlite_databases`. */
declare module '@spinframework/spin-sqlite' {
  /** A cell: integers as bigint, reals as numbers, text, bytes, or null. */
  export type SqliteValue = number | bigint | string | Uint8Array | null;
  /** A statement's answer: its column names, and each row keyed by column name. */
  export interface SqliteResult {
    columns: string[];
    rows: Record<string, SqliteValue>[];
  }
  export interface Connection {
    /**
     * Runs `statement` with `parameters` bound in order: a whole number or a bigint as an
     * integer, another number as a real, a string as text, bytes as a blob.
     */
    execute(statement: string, parameters?: (SqliteValue | boolean)[]): SqliteResult;
  }
  /** The database `label`, which the component's `sqlite_databases` in spin.toml must list. */
  export function open(label: string): Connection;
  /** The database `default`. */
  export function openDefault(): Connection;
}
