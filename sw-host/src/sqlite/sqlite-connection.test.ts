import { describe, expect, it } from 'vitest';
import { MAX_DATABASE_BYTES, MAX_RESULT_BYTES, MAX_STATEMENT_BYTES } from './limits.ts';
import { SqliteConnection } from './sqlite-connection.ts';
import { sqliteEngine } from './sqlite-engine.ts';
import { SqliteFailure } from './sqlite-failure.ts';
import type { SqliteValue } from './sqlite-values.ts';

async function connection(image?: Uint8Array) {
  return SqliteConnection.open(await sqliteEngine(), image);
}

function failure(run: () => unknown): SqliteFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof SqliteFailure) return error;
    throw error;
  }
  throw new Error('expected a SqliteFailure');
}

describe('SqliteConnection', () => {
  it('binds and returns each Spin value type exactly', async () => {
    const db = await connection();
    db.execute('CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n)', []);
    const big = 2n ** 62n + 1n;
    const values: SqliteValue[] = [
      { tag: 'integer', val: big },
      // An integral real stays a real, not an integer.
      { tag: 'real', val: 2 },
      { tag: 'text', val: 'héllo 🌍' },
      { tag: 'blob', val: new Uint8Array([0, 1, 255]) },
      { tag: 'null' },
    ];
    const inserted = db.execute('INSERT INTO t VALUES (?, ?, ?, ?, ?)', values);
    expect(inserted).toEqual({ columns: [], rows: [] });
    expect(db.changes).toBe(1n);
    expect(db.lastInsertRowid).toBe(1n);
    const result = db.execute('SELECT i, r, s, b, n, typeof(r) AS rt FROM t', []);
    expect(result.columns).toEqual(['i', 'r', 's', 'b', 'n', 'rt']);
    expect(result.rows).toEqual([{ values: [...values, { tag: 'text', val: 'real' }] }]);
  });

  it('reports SQL errors with SQLite’s message, as Spin’s io error', async () => {
    const db = await connection();
    expect(failure(() => db.execute('SELECT * FROM missing', []))).toMatchObject({
      kind: 'io',
      message: 'no such table: missing',
    });
    expect(failure(() => db.execute('SELECT ?', []))).toMatchObject({
      kind: 'io',
      message: 'Wrong number of parameters passed to query. Got 0, needed 1',
    });
    expect(failure(() => db.execute('SELECT 1; SELECT 2', []))).toMatchObject({
      message: 'Multiple statements provided',
    });
    // Trailing comments and spaces are not a second statement.
    expect(db.execute('SELECT 1 AS one; -- done\n', []).rows).toEqual([
      { values: [{ tag: 'integer', val: 1n }] },
    ]);
  });

  it('refuses to attach files, as Spin does, but allows an in-memory database', async () => {
    const db = await connection();
    expect(failure(() => db.execute("ATTACH DATABASE 'other.db' AS other", []))).toMatchObject({
      kind: 'io',
      message: 'not authorized',
    });
    db.execute("ATTACH DATABASE ':memory:' AS scratch", []);
  });

  it('round-trips through its image', async () => {
    const db = await connection();
    db.execute('CREATE TABLE t (v TEXT)', []);
    db.execute('INSERT INTO t VALUES (?)', [{ tag: 'text', val: 'kept' }]);
    const copy = await connection(db.image());
    expect(copy.execute('SELECT v FROM t', []).rows).toEqual([{ values: [{ tag: 'text', val: 'kept' }] }]);
    // The copy takes writes (its memory may grow).
    copy.execute('INSERT INTO t VALUES (?)', [{ tag: 'blob', val: new Uint8Array(100_000) }]);
    expect(copy.execute('SELECT count(*) FROM t', []).rows[0]?.values[0]).toEqual({
      tag: 'integer',
      val: 2n,
    });
  });

  it('bounds what a guest can make it allocate', async () => {
    const db = await connection();
    expect(failure(() => db.execute(`SELECT '${'x'.repeat(MAX_STATEMENT_BYTES)}'`, [])).message).toContain(
      'MAX_STATEMENT_BYTES',
    );
    // A result bigger than the limit, made without storing it.
    const rows = MAX_RESULT_BYTES / (1024 * 1024) + 1;
    const big = `WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ${rows}) SELECT zeroblob(1048576) FROM n`;
    expect(failure(() => db.execute(big, [])).message).toContain('MAX_RESULT_BYTES');
    db.execute('CREATE TABLE t (b BLOB)', []);
    const chunk = { tag: 'blob', val: new Uint8Array(1024 * 1024) } as const;
    // Growing past MAX_DATABASE_BYTES is SQLITE_FULL: Spin's database-full.
    const grow = () => {
      for (let i = 0; i <= MAX_DATABASE_BYTES / chunk.val.byteLength; i++)
        db.execute('INSERT INTO t VALUES (?)', [chunk]);
    };
    expect(failure(grow).kind).toBe('database-full');
  });
});
