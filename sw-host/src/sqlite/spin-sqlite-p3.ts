/**
 * `spin:sqlite/sqlite@3.1.0`, Spin 4's SQLite interface (WIT `wit/deps/spin-sqlite@3.1.0` in
 * Spin), which WASI 0.3 components import: the 3.0.0 connection plus `open-async`,
 * `execute-async`, `last-insert-rowid-async` and `changes-async`, over the same databases,
 * grants and limits as the WASI 0.2 versions (spin-sqlite.ts). The session (the table of open
 * connections) lives as long as the instance, which serves many requests, as in Spin 4.
 *
 * How jco 1.35's glue calls it (`imports['spin:sqlite/sqlite'] = { Connection }`), as for
 * `spin:key-value@3.0.0` (kv/spin-key-value-p3.ts): an `async func` import's promise is awaited
 * and lowered when the guest's subtask returns; a plain object thrown is `err(...)`;
 * `execute-async`'s `stream<row-result>` is any async iterable and its `future` a promise. The
 * synchronous `open` and `execute` are suspending (JSPI) imports, as in a WASI 0.2 instance.
 */
import { guestCall } from '../kv/guest-call.ts';
import { spinSqliteConnectionClass } from './spin-sqlite.ts';
import { SqliteSession, type SqliteHostContext } from './sqlite-session.ts';
import { toSpinSqliteError } from './sqlite-failure.ts';
import type { SqliteRow, SqliteValue } from './sqlite-values.ts';

/** How the rows of `execute-async` ended: `result<_, error>`. */
export type SqliteRowsOutcome = { readonly tag: 'ok'; readonly val: undefined };

/** `execute-async`'s `tuple<list<string>, stream<row-result>, future<result<_, error>>>`. */
export type SqliteAsyncQuery = [string[], AsyncIterable<SqliteRow>, Promise<SqliteRowsOutcome>];

/** The `spin:sqlite/sqlite@3.1.0` imports of one WASI 0.3 instance. */
export function createSpinSqliteP3(context: SqliteHostContext) {
  const session = new SqliteSession(context);
  const Base = spinSqliteConnectionClass(session);

  class Connection extends Base {
    static openAsync(label: string): Promise<Connection> {
      return Connection.open(label);
    }

    /**
     * Runs the statement at once (its result within MAX_RESULT_BYTES, as `execute`), then
     * streams the rows as the guest reads them; a failure is the call's `err(...)`, so the
     * future always ends `ok`.
     */
    async executeAsync(statement: string, parameters: SqliteValue[]): Promise<SqliteAsyncQuery> {
      const result = await guestCall(() => this.connection.execute(statement, parameters), toSpinSqliteError);
      return [result.columns, streamOf(result.rows), Promise.resolve({ tag: 'ok', val: undefined })];
    }

    async lastInsertRowidAsync(): Promise<bigint> {
      return this.lastInsertRowid();
    }

    async changesAsync(): Promise<bigint> {
      return this.changes();
    }
  }

  return { Connection };
}

async function* streamOf(rows: readonly SqliteRow[]): AsyncGenerator<SqliteRow> {
  yield* rows;
}
