/**
 * Spin's SQLite interface for WASI 0.2 components, shaped as jco's glue calls it:
 * `imports['fermyon:spin/sqlite'] = { Connection }` (`fermyon:spin/sqlite@2.0.0`) and
 * `imports['spin:sqlite/sqlite'] = { Connection }` (`spin:sqlite/sqlite@3.0.0`, which adds
 * `last-insert-rowid` and `changes`). `Connection.open(label)` is static, `execute` a method on
 * the connections it returns, `err(e)` thrown as the variant value. `open` and `execute` return
 * promises; with JSPI the guest sees blocking calls. WIT: components/wit/deps/spin-sqlite/.
 */
import { disposeSymbol } from '../kv/resource-dispose.ts';
import { guestCall } from '../kv/guest-call.ts';
import type { GuestConnection } from './guest-connection.ts';
import { SqliteSession, type SqliteHostContext } from './sqlite-session.ts';
import { toSpinSqliteError } from './sqlite-failure.ts';
import type { SqliteQueryResult, SqliteValue } from './sqlite-values.ts';

/** An open connection, as the guest's `connection` resource. */
export interface SpinSqliteConnection {
  execute(statement: string, parameters: SqliteValue[]): Promise<SqliteQueryResult>;
  lastInsertRowid(): bigint;
  changes(): bigint;
}

/** The `connection` resource class (jco checks `instanceof` against it). */
export interface SpinSqliteConnectionClass {
  readonly prototype: SpinSqliteConnection;
  open(label: string): Promise<SpinSqliteConnection>;
}

/** The import object of either version. */
export interface SpinSqliteImports {
  readonly Connection: SpinSqliteConnectionClass;
}

/** The class of the `connection` resource over one instance's session. */
export function spinSqliteConnectionClass(session: SqliteSession) {
  class Connection implements SpinSqliteConnection {
    /** The session's connection behind this resource (for subclasses). */
    protected readonly connection: GuestConnection;

    /** Only `open` makes connections: the guest has no constructor. */
    constructor(connection: GuestConnection) {
      this.connection = connection;
    }

    /** Makes the calling class's connections, since jco checks handles with `instanceof`. */
    static async open<C>(this: new (connection: GuestConnection) => C, label: string): Promise<C> {
      return guestCall(async () => new this(await session.open(label)), toSpinSqliteError);
    }

    async execute(statement: string, parameters: SqliteValue[]): Promise<SqliteQueryResult> {
      return guestCall(() => this.connection.execute(statement, parameters), toSpinSqliteError);
    }

    lastInsertRowid(): bigint {
      return this.connection.lastInsertRowid;
    }

    changes(): bigint {
      return this.connection.changes;
    }

    /** The guest dropped its handle: free the slot, roll back what it left open. */
    [disposeSymbol](): void {
      session.close(this.connection);
    }
  }
  return Connection;
}

/** Both WASI 0.2 SQLite interfaces, by unversioned name, over one session. */
export type SqliteImports = {
  readonly 'fermyon:spin/sqlite': SpinSqliteImports;
  readonly 'spin:sqlite/sqlite': SpinSqliteImports;
};

/** The SQLite imports for one fresh WASI 0.2 instance (one session, as in Spin). */
export function createSqliteImports(context: SqliteHostContext): SqliteImports {
  const Connection = spinSqliteConnectionClass(new SqliteSession(context));
  return { 'fermyon:spin/sqlite': { Connection }, 'spin:sqlite/sqlite': { Connection } };
}
