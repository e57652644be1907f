/**
 * One connection a guest opened: its own SQLite connection in the engine's memory, brought up
 * to date with the stored image before each statement and storing the image after each one
 * that wrote, all under the database's lock, so statements from every realm of the origin
 * apply one after another and none is lost (decision 0024).
 *
 * A statement that leaves a transaction open (`BEGIN`) keeps the lock until the transaction
 * ends, so others wait as they would for SQLite's own lock; what it wrote is stored at COMMIT.
 * A guest that leaves one open without using the connection for TRANSACTION_IDLE_LIMIT_MS (or
 * drops the connection) has it rolled back and the lock released, so a forgotten transaction
 * never blocks the database for good.
 */
import type { Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import { SqliteConnection } from './sqlite-connection.ts';
import type { SqliteDatabase } from './sqlite-database.ts';
import { SqliteFailure } from './sqlite-failure.ts';
import type { SqliteQueryResult, SqliteValue } from './sqlite-values.ts';

/** How long an open transaction may sit unused before it is rolled back. */
export const TRANSACTION_IDLE_LIMIT_MS = 5_000;

/** A transaction the guest holds open: how to let the lock go, and its idle timer. */
interface HeldTransaction {
  readonly release: () => void;
  timer: ReturnType<typeof setTimeout> | undefined;
  wrote: boolean;
}

export class GuestConnection {
  readonly #sqlite3: Sqlite3Static;
  readonly #database: SqliteDatabase;
  #connection: SqliteConnection | undefined;
  /** The generation `#connection` holds. */
  #generation: string | undefined;
  #transaction: HeldTransaction | undefined;
  #rolledBack = false;
  #closed = false;

  constructor(sqlite3: Sqlite3Static, database: SqliteDatabase) {
    this.#sqlite3 = sqlite3;
    this.#database = database;
  }

  get label(): string {
    return this.#database.label;
  }

  get lastInsertRowid(): bigint {
    return this.#connection?.lastInsertRowid ?? 0n;
  }

  get changes(): bigint {
    return this.#connection?.changes ?? 0n;
  }

  /** Runs one statement, as Spin's `execute`. */
  async execute(statement: string, parameters: readonly SqliteValue[]): Promise<SqliteQueryResult> {
    return this.#apply((connection) => connection.executeTracked(statement, parameters));
  }

  /** Runs every statement of `sql` (a `--sqlite @file`), returning no rows. */
  async executeScript(sql: string): Promise<void> {
    await this.#apply((connection) => ({ rows: undefined, wrote: connection.executeScript(sql) }));
  }

  /** Applies `work` under the database's lock (see the top of this file). */
  async #apply<R>(work: (connection: SqliteConnection) => { rows: R; wrote: boolean }): Promise<R> {
    if (this.#closed) throw new SqliteFailure('invalid-connection');
    if (this.#rolledBack) {
      this.#rolledBack = false;
      throw new SqliteFailure(
        'io',
        `the transaction this connection began was rolled back: it was left open and unused for ${TRANSACTION_IDLE_LIMIT_MS} ms (TRANSACTION_IDLE_LIMIT_MS). Run its statements without pausing between them, and end it with COMMIT.`,
      );
    }
    const held = this.#transaction;
    if (held) {
      clearTimeout(held.timer);
      return this.#runHeld(held, work);
    }
    return new Promise((resolve, reject) => {
      void this.#database.lock
        .run(this.#database.lockName, async () => {
          try {
            const connection = await this.#upToDate();
            const before = connection.totalChanges;
            const result = work(connection);
            if (connection.inTransaction) {
              // Keep the lock: hand back the result now, let go when the transaction ends.
              const released = new Promise<void>((release) => {
                this.#transaction = { release, timer: undefined, wrote: result.wrote };
              });
              this.#armIdleTimer();
              resolve(result.rows);
              await released;
              return;
            }
            if (result.wrote || connection.totalChanges !== before) await this.#store(connection);
            resolve(result.rows);
          } catch (error) {
            reject(error);
          }
        })
        .catch(reject);
    });
  }

  /** A statement inside a transaction this connection holds the lock for. */
  async #runHeld<R>(
    held: HeldTransaction,
    work: (connection: SqliteConnection) => { rows: R; wrote: boolean },
  ): Promise<R> {
    const connection = this.#connection!;
    try {
      const result = work(connection);
      held.wrote ||= result.wrote;
      if (!connection.inTransaction && held.wrote) await this.#store(connection);
      return result.rows;
    } finally {
      // A failed store dropped the copy: the transaction is over either way.
      if (this.#connection === connection && connection.inTransaction) this.#armIdleTimer();
      else this.#endTransaction();
    }
  }

  /** This connection's copy, made current with the stored image (call holding the lock). */
  async #upToDate(): Promise<SqliteConnection> {
    const stored = await this.#database.current();
    if (this.#connection && this.#generation === stored.generation) return this.#connection;
    this.#connection?.close();
    this.#connection = SqliteConnection.open(this.#sqlite3, stored.image);
    this.#generation = stored.generation;
    return this.#connection;
  }

  async #store(connection: SqliteConnection): Promise<void> {
    try {
      this.#generation = await this.#database.write(connection.image());
    } catch (error) {
      // Not stored: drop the copy, so the next statement starts from what is stored.
      this.#connection?.close();
      this.#connection = undefined;
      this.#generation = undefined;
      throw error;
    }
  }

  #armIdleTimer(): void {
    const held = this.#transaction;
    if (!held) return;
    clearTimeout(held.timer);
    held.timer = setTimeout(() => {
      this.#abandonTransaction();
      this.#rolledBack = true;
    }, TRANSACTION_IDLE_LIMIT_MS);
  }

  /** Rolls back an open transaction and lets the lock go. */
  #abandonTransaction(): void {
    if (!this.#transaction) return;
    // The copy holds uncommitted changes: throw it away; the stored image is unchanged.
    this.#connection?.close();
    this.#connection = undefined;
    this.#generation = undefined;
    this.#endTransaction();
  }

  #endTransaction(): void {
    const held = this.#transaction;
    this.#transaction = undefined;
    if (held) {
      clearTimeout(held.timer);
      held.release();
    }
  }

  /** The guest dropped the connection (or its instance ended): roll back, let go. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#abandonTransaction();
    this.#connection?.close();
    this.#connection = undefined;
  }
}
