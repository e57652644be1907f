/**
 * A page's handle on one of an app's SQLite databases: the same database the app's components
 * use, under the same lock, so a page sees what they wrote and they see what the page wrote.
 * Values go in and come out as plain JavaScript: `bigint` (or a whole `number`) is an integer,
 * any other `number` a real, `string` text, `Uint8Array` a blob, `null` null.
 */
import type { HostRequests, HostReplies, HostRequestType } from '../protocol/messages.ts';
import type { SqliteValue } from '../sqlite/sqlite-values.ts';

type Request = <T extends HostRequestType>(type: T, payload: HostRequests[T]) => Promise<HostReplies[T]>;

/** A value as a page passes or reads it. */
export type SqlitePlainValue = bigint | number | string | Uint8Array | null;

/** What a statement returned, with values as plain JavaScript. */
export interface SqliteClientResult {
  columns: string[];
  rows: SqlitePlainValue[][];
  /** Rows changed by the statement, if it was an INSERT, UPDATE or DELETE. */
  changes: bigint;
  lastInsertRowid: bigint;
}

export interface SqliteClient {
  /** Runs one statement with `?` parameters bound in order. */
  execute(statement: string, parameters?: readonly SqlitePlainValue[]): Promise<SqliteClientResult>;
  /** Empties the database (no tables, no rows), as a test's reset does. */
  clear(): Promise<void>;
  /**
   * The database as a SQLite database file (the `sqlite3` shell and Spin open it as it is);
   * an empty database is an empty file.
   */
  image(): Promise<Uint8Array>;
}

export function sqliteClient(request: Request, app: string, label: string): SqliteClient {
  return {
    async execute(statement, parameters = []) {
      const reply = await request('sqlite-execute', {
        app,
        label,
        statement,
        parameters: parameters.map(toValue),
      });
      return {
        columns: reply.columns,
        rows: reply.rows.map((row) => row.values.map(fromValue)),
        changes: reply.changes,
        lastInsertRowid: reply.lastInsertRowid,
      };
    },
    async clear() {
      await request('sqlite-clear', { app, label });
    },
    async image() {
      return (await request('sqlite-image', { app, label })).image;
    },
  };
}

function toValue(value: SqlitePlainValue): SqliteValue {
  if (value === null) return { tag: 'null' };
  if (typeof value === 'bigint') return { tag: 'integer', val: value };
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? { tag: 'integer', val: BigInt(value) } : { tag: 'real', val: value };
  }
  if (typeof value === 'string') return { tag: 'text', val: value };
  if (value instanceof Uint8Array) return { tag: 'blob', val: value };
  throw new TypeError(
    `A SQLite parameter must be a bigint, number, string, Uint8Array or null; got ${typeof value}.`,
  );
}

function fromValue(value: SqliteValue): SqlitePlainValue {
  return value.tag === 'null' ? null : value.val;
}
