/**
 * One SQLite connection in the engine's memory: opened empty or from a stored image, it runs
 * one statement at a time as Spin's `execute` does (rusqlite's `prepare` and `query_map` in
 * `crates/sqlite-inproc`): exactly one statement, parameters bound by position, every row read,
 * errors as SQLite words them. Its image is what database-store.ts keeps.
 */
import type { Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import { MAX_DATABASE_BYTES, MAX_PARAMETER_BYTES, MAX_RESULT_BYTES, MAX_STATEMENT_BYTES } from './limits.ts';
import { SqliteFailure } from './sqlite-failure.ts';
import {
  assertValues,
  utf8Length,
  valueBytes,
  type SqliteQueryResult,
  type SqliteRow,
  type SqliteValue,
} from './sqlite-values.ts';

type Capi = Sqlite3Static['capi'];
type Pointer = number;
type AuthorizerFunction = Parameters<Capi['sqlite3_set_authorizer']>[1];

const authorizers = new WeakMap<Sqlite3Static, Pointer>();

/**
 * An authorizer that refuses to ATTACH anything but a new in-memory or temporary database, as
 * Spin's (`crates/sqlite-inproc`): a guest must not open files, nor name another database.
 * Installed once per engine and shared, so connections cost no slot in its function table.
 */
function attachAuthorizer(sqlite3: Sqlite3Static): Pointer {
  let pointer = authorizers.get(sqlite3);
  if (pointer === undefined) {
    const { capi, wasm } = sqlite3;
    const authorize = (_: Pointer, action: number, file: Pointer): number => {
      if (action !== capi.SQLITE_ATTACH) return capi.SQLITE_OK;
      const name = file ? wasm.cstrToJs(file) : '';
      return name === '' || name === ':memory:' ? capi.SQLITE_OK : capi.SQLITE_DENY;
    };
    pointer = wasm.installFunction('i(pipppp)', authorize) as Pointer;
    authorizers.set(sqlite3, pointer);
  }
  return pointer;
}

export class SqliteConnection {
  readonly #sqlite3: Sqlite3Static;
  readonly #capi: Capi;
  #db: Pointer;

  private constructor(sqlite3: Sqlite3Static, db: Pointer) {
    this.#sqlite3 = sqlite3;
    this.#capi = sqlite3.capi;
    this.#db = db;
  }

  /**
   * A connection to a copy of `image` (a database file's bytes), or to an empty database. Its
   * size is capped at MAX_DATABASE_BYTES through `max_page_count`.
   */
  static open(sqlite3: Sqlite3Static, image?: Uint8Array): SqliteConnection {
    const { capi, wasm } = sqlite3;
    const slot = wasm.pstack.pointer;
    let db: Pointer;
    try {
      const out = wasm.pstack.allocPtr() as Pointer;
      const rc = capi.sqlite3_open_v2(
        ':memory:',
        out,
        capi.SQLITE_OPEN_READWRITE | capi.SQLITE_OPEN_CREATE,
        0,
      );
      db = wasm.peekPtr(out) as Pointer;
      if (rc !== capi.SQLITE_OK) {
        if (db) capi.sqlite3_close_v2(db);
        throw new SqliteFailure('io', `could not open an in-memory database (${capi.sqlite3_js_rc_str(rc)})`);
      }
    } finally {
      wasm.pstack.restore(slot);
    }
    const connection = new SqliteConnection(sqlite3, db);
    if (image && image.byteLength > 0) connection.#load(image);
    // After loading: sqlite3_deserialize attaches the image itself. The package's types take
    // only a JavaScript function here, which it would install anew for every connection; a
    // function-table pointer is what the C function takes, and the binding passes it through.
    capi.sqlite3_set_authorizer(db, attachAuthorizer(sqlite3) as unknown as AuthorizerFunction, 0);
    connection.#setSizeLimit();
    return connection;
  }

  #load(image: Uint8Array): void {
    const { capi, wasm } = this.#sqlite3;
    // sqlite3_malloc'd memory that SQLite frees with the connection (FREEONCLOSE) and may grow
    // (RESIZEABLE), so the copy can take writes.
    const data = wasm.allocFromTypedArray(image) as Pointer;
    const rc = capi.sqlite3_deserialize(
      this.#db,
      'main',
      data,
      image.byteLength,
      image.byteLength,
      capi.SQLITE_DESERIALIZE_FREEONCLOSE | capi.SQLITE_DESERIALIZE_RESIZEABLE,
    );
    if (rc !== capi.SQLITE_OK) {
      this.close();
      throw new SqliteFailure('io', `the stored database could not be opened: ${capi.sqlite3_js_rc_str(rc)}`);
    }
  }

  #setSizeLimit(): void {
    const pageSize = Number(this.#single('PRAGMA page_size') ?? 4096n);
    this.#single(`PRAGMA max_page_count = ${Math.floor(MAX_DATABASE_BYTES / pageSize)}`);
  }

  /** The first column of the first row of a host statement (no parameters). */
  #single(sql: string): bigint | undefined {
    const result = this.execute(sql, []);
    const first = result.rows[0]?.values[0];
    return first?.tag === 'integer' ? first.val : undefined;
  }

  /** Whether a transaction the guest began (`BEGIN`) is still open. */
  get inTransaction(): boolean {
    return this.#capi.sqlite3_get_autocommit(this.#db) === 0;
  }

  /** `sqlite3_total_changes64`: grows with every row any statement changed. */
  get totalChanges(): bigint {
    return BigInt(this.#capi.sqlite3_total_changes64(this.#db));
  }

  /** `last-insert-rowid`: 0 until this connection inserts. */
  get lastInsertRowid(): bigint {
    return BigInt(this.#capi.sqlite3_last_insert_rowid(this.#db));
  }

  /** `changes`: rows changed by the last INSERT, UPDATE or DELETE on this connection. */
  get changes(): bigint {
    return BigInt(this.#capi.sqlite3_changes64(this.#db));
  }

  /** The database file's bytes, to store. */
  image(): Uint8Array {
    return this.#capi.sqlite3_js_db_export(this.#db);
  }

  close(): void {
    if (this.#db) this.#capi.sqlite3_close_v2(this.#db);
    this.#db = 0;
  }

  /**
   * Runs exactly one statement with `parameters` bound to `?`, `?NNN` and named placeholders in
   * order, and returns its columns and every row. Throws SqliteFailure: `io` with SQLite's
   * message for SQL errors (as rusqlite words them), `database-full` for SQLITE_FULL, `io`
   * naming the limit for one hit.
   */
  execute(statement: string, parameters: readonly SqliteValue[]): SqliteQueryResult {
    return this.executeTracked(statement, parameters).rows;
  }

  /**
   * `execute`, also saying whether the statement may have written (it is not read-only by
   * `sqlite3_stmt_readonly`: DDL counts, which changes no rows).
   */
  executeTracked(
    statement: string,
    parameters: readonly SqliteValue[],
  ): { rows: SqliteQueryResult; wrote: boolean } {
    assertValues(parameters);
    const statementBytes = utf8Length(statement);
    if (statementBytes > MAX_STATEMENT_BYTES) {
      throw new SqliteFailure(
        'io',
        `statement is ${statementBytes} bytes, over Swerve's limit of ${MAX_STATEMENT_BYTES} bytes per statement (MAX_STATEMENT_BYTES): pass large values as parameters instead of writing them into the SQL`,
      );
    }
    const parameterBytes = parameters.reduce((sum, value) => sum + valueBytes(value), 0);
    if (parameterBytes > MAX_PARAMETER_BYTES) {
      throw new SqliteFailure(
        'io',
        `parameters hold ${parameterBytes} bytes, over Swerve's limit of ${MAX_PARAMETER_BYTES} bytes per execute (MAX_PARAMETER_BYTES): store large values in smaller pieces`,
      );
    }
    const stmt = this.#prepareOne(statement);
    if (!stmt) return { rows: { columns: [], rows: [] }, wrote: false };
    try {
      const wrote = this.#capi.sqlite3_stmt_readonly(stmt) === 0;
      this.#bind(stmt, parameters);
      return { rows: this.#readRows(stmt), wrote };
    } finally {
      this.#capi.sqlite3_finalize(stmt);
    }
  }

  /**
   * Runs every statement in `sql` in order, ignoring rows (rusqlite's `execute_batch`, what
   * `spin up --sqlite @file` runs a file with); says whether any may have written. Stops at the
   * first error, with SQLite's message; statements before it stay applied, as on Spin.
   */
  executeScript(sql: string): boolean {
    const { capi, wasm } = this.#sqlite3;
    const slot = wasm.pstack.pointer;
    const [text, length] = wasm.allocCString(sql, true) as [Pointer, number];
    let wrote = false;
    try {
      const outStmt = wasm.pstack.allocPtr() as Pointer;
      const outTail = wasm.pstack.allocPtr() as Pointer;
      let at = text;
      while (at < text + length) {
        this.#check(capi.sqlite3_prepare_v2(this.#db, at, text + length - at, outStmt, outTail));
        const stmt = wasm.peekPtr(outStmt) as Pointer;
        at = wasm.peekPtr(outTail) as Pointer;
        if (!stmt) continue;
        try {
          wrote ||= capi.sqlite3_stmt_readonly(stmt) === 0;
          let rc: number;
          while ((rc = capi.sqlite3_step(stmt)) === capi.SQLITE_ROW);
          if (rc !== capi.SQLITE_DONE) this.#check(rc);
        } finally {
          capi.sqlite3_finalize(stmt);
        }
      }
      return wrote;
    } finally {
      wasm.dealloc(text);
      wasm.pstack.restore(slot);
    }
  }

  /**
   * Compiles the one statement in `sql` (0 when it holds none); more than one is an error, as
   * in rusqlite.
   */
  #prepareOne(sql: string): Pointer {
    const { capi, wasm } = this.#sqlite3;
    const slot = wasm.pstack.pointer;
    const [text, length] = wasm.allocCString(sql, true) as [Pointer, number];
    try {
      const outStmt = wasm.pstack.allocPtr() as Pointer;
      const outTail = wasm.pstack.allocPtr() as Pointer;
      this.#check(capi.sqlite3_prepare_v2(this.#db, text, length, outStmt, outTail));
      const stmt = wasm.peekPtr(outStmt) as Pointer;
      const tail = wasm.peekPtr(outTail) as Pointer;
      // Only spaces or comments: nothing to run, as rusqlite answers an empty statement.
      if (!stmt) return 0;
      // Whatever follows the first statement must be nothing but spaces and comments.
      const rest = text + length - tail;
      if (rest > 0) {
        const rc = capi.sqlite3_prepare_v2(this.#db, tail, rest, outStmt, 0);
        const next = wasm.peekPtr(outStmt) as Pointer;
        if (next) capi.sqlite3_finalize(next);
        if (rc !== capi.SQLITE_OK || next) {
          capi.sqlite3_finalize(stmt);
          throw new SqliteFailure('io', 'Multiple statements provided');
        }
      }
      return stmt;
    } finally {
      wasm.dealloc(text);
      wasm.pstack.restore(slot);
    }
  }

  #bind(stmt: Pointer, parameters: readonly SqliteValue[]): void {
    const { capi, wasm } = this.#sqlite3;
    const expected = capi.sqlite3_bind_parameter_count(stmt);
    if (parameters.length !== expected) {
      // rusqlite's InvalidParameterCount, as Spin reports it.
      throw new SqliteFailure(
        'io',
        `Wrong number of parameters passed to query. Got ${parameters.length}, needed ${expected}`,
      );
    }
    parameters.forEach((value, index) => {
      const position = index + 1;
      let rc: number;
      switch (value.tag) {
        case 'integer':
          rc = capi.sqlite3_bind_int64(stmt, position, value.val);
          break;
        case 'real':
          rc = capi.sqlite3_bind_double(stmt, position, value.val);
          break;
        // Copied into SQLite's heap here, and freed by SQLite (SQLITE_WASM_DEALLOC) when done
        // or on failure: the package's own wrappers for JavaScript strings and arrays throw a
        // ReferenceError in 3.54.1.
        case 'text': {
          const [text, length] = wasm.allocCString(value.val, true) as [Pointer, number];
          rc = capi.sqlite3_bind_text(stmt, position, text, length, capi.SQLITE_WASM_DEALLOC);
          break;
        }
        case 'blob': {
          const blob = wasm.allocFromTypedArray(value.val) as Pointer;
          rc = capi.sqlite3_bind_blob(stmt, position, blob, value.val.byteLength, capi.SQLITE_WASM_DEALLOC);
          break;
        }
        case 'null':
          // The package's binding returns nothing (3.54.1); binding NULL cannot fail but for a
          // bad position, which the count check above rules out.
          rc = capi.sqlite3_bind_null(stmt, position) ?? capi.SQLITE_OK;
          break;
      }
      this.#check(rc);
    });
  }

  #readRows(stmt: Pointer): SqliteQueryResult {
    const { capi, wasm } = this.#sqlite3;
    const count = capi.sqlite3_column_count(stmt);
    const columns = Array.from({ length: count }, (_, i) => capi.sqlite3_column_name(stmt, i) ?? '');
    const rows: SqliteRow[] = [];
    let bytes = 0;
    for (;;) {
      const rc = capi.sqlite3_step(stmt);
      if (rc === capi.SQLITE_DONE) break;
      if (rc !== capi.SQLITE_ROW) this.#check(rc);
      const values: SqliteValue[] = [];
      for (let i = 0; i < count; i++) {
        const type = capi.sqlite3_column_type(stmt, i);
        const size =
          type === capi.SQLITE_TEXT || type === capi.SQLITE_BLOB ? capi.sqlite3_column_bytes(stmt, i) : 8;
        bytes += size;
        if (bytes > MAX_RESULT_BYTES) {
          throw new SqliteFailure(
            'io',
            `query result exceeds Swerve's limit of ${MAX_RESULT_BYTES} bytes (MAX_RESULT_BYTES): select fewer rows at a time (LIMIT and OFFSET) or fewer columns`,
          );
        }
        switch (type) {
          case capi.SQLITE_INTEGER:
            values.push({ tag: 'integer', val: BigInt(capi.sqlite3_column_int64(stmt, i)) });
            break;
          case capi.SQLITE_FLOAT:
            values.push({ tag: 'real', val: capi.sqlite3_column_double(stmt, i) });
            break;
          case capi.SQLITE_TEXT:
            values.push({ tag: 'text', val: capi.sqlite3_column_text(stmt, i) ?? '' });
            break;
          case capi.SQLITE_BLOB: {
            const pointer = capi.sqlite3_column_blob(stmt, i) as Pointer;
            values.push({
              tag: 'blob',
              val: pointer ? wasm.heap8u().slice(pointer, pointer + size) : new Uint8Array(),
            });
            break;
          }
          default:
            values.push({ tag: 'null' });
        }
      }
      rows.push({ values });
    }
    return { columns, rows };
  }

  /** Throws SqliteFailure for a result code that is not OK, with SQLite's message. */
  #check(rc: number): void {
    const capi = this.#capi;
    if (rc === capi.SQLITE_OK) return;
    const message = capi.sqlite3_errmsg(this.#db) || capi.sqlite3_js_rc_str(rc) || `SQLite error ${rc}`;
    // SQLITE_FULL's primary code, whatever the extended code.
    if ((rc & 0xff) === capi.SQLITE_FULL) throw new SqliteFailure('database-full', message);
    throw new SqliteFailure('io', message);
  }
}
