/**
 * The SQLite side of one component instance: which databases its manifest grants
 * (`sqlite_databases`), and its table of open connections. Spin's rules
 * (`crates/factor-sqlite/src/host.rs`): a label not granted is `access-denied` whether or not
 * it exists; a granted label no database defines is `no-such-database`; a full table is
 * `io("too many connections opened")`.
 */
import type { Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import { GuestConnection } from './guest-connection.ts';
import { MAX_OPEN_CONNECTIONS } from './limits.ts';
import type { SqliteDatabase } from './sqlite-database.ts';
import { sqliteEngine } from './sqlite-engine.ts';
import { SqliteFailure } from './sqlite-failure.ts';

/** What an instance's SQLite imports need from the host. */
export interface SqliteHostContext {
  /** The labels the component's manifest lists in `sqlite_databases`. */
  readonly allowedLabels: readonly string[];
  /** The app's database `label`, or undefined when the app has none by that name. */
  readonly databaseFor: (label: string) => SqliteDatabase | undefined;
  /** The SQLite engine (tests pass their own; the default loads it on first use). */
  readonly engine?: () => Promise<Sqlite3Static>;
}

export class SqliteSession {
  readonly #context: SqliteHostContext;
  readonly #open = new Set<GuestConnection>();

  constructor(context: SqliteHostContext) {
    this.#context = context;
  }

  /** Opens a connection to `label`, as Spin's `open`. */
  async open(label: string): Promise<GuestConnection> {
    if (!this.#context.allowedLabels.includes(label)) throw new SqliteFailure('access-denied');
    const database = this.#context.databaseFor(label);
    if (!database) throw new SqliteFailure('no-such-database');
    if (this.#open.size >= MAX_OPEN_CONNECTIONS) {
      // Spin's words for its full table (of the same size).
      throw new SqliteFailure('io', 'too many connections opened');
    }
    let sqlite3: Sqlite3Static;
    try {
      sqlite3 = await (this.#context.engine ?? sqliteEngine)();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SqliteFailure('io', `SQLite could not be loaded in this browser: ${reason}`, {
        cause: error,
      });
    }
    const connection = new GuestConnection(sqlite3, database);
    this.#open.add(connection);
    return connection;
  }

  /** Closes `connection` and frees its slot (the guest dropped it). */
  close(connection: GuestConnection): void {
    connection.close();
    this.#open.delete(connection);
  }
}
