import { describe, expect, it, vi } from 'vitest';
import { InProcessKvLock } from '../kv/kv-lock.ts';
import { disposeSymbol } from '../kv/resource-dispose.ts';
import { MemoryImageStore } from './image-store.ts';
import { createSqliteImports } from './spin-sqlite.ts';
import { SqliteDatabase } from './sqlite-database.ts';
import { TRANSACTION_IDLE_LIMIT_MS } from './guest-connection.ts';
import type { SqliteValue } from './sqlite-values.ts';

const text = (val: string): SqliteValue => ({ tag: 'text', val });
const int = (val: bigint): SqliteValue => ({ tag: 'integer', val });

/** One app's databases, as every instance of the app (in any realm) reaches them. */
function appDatabases(defined = ['default']) {
  const lock = new InProcessKvLock();
  const databases = new Map(
    defined.map((label) => [label, new SqliteDatabase(`app:${label}`, label, new MemoryImageStore(), lock)]),
  );
  return (allowedLabels: string[]) =>
    createSqliteImports({ allowedLabels, databaseFor: (label) => databases.get(label) })['spin:sqlite/sqlite']
      .Connection;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('Spin SQLite for guests', () => {
  it('grants only the labels the manifest lists, as Spin does', async () => {
    const instance = appDatabases(['default']);
    // Not listed: access-denied, whether the database exists or not.
    expect(await rejection(instance([]).open('default'))).toEqual({ tag: 'access-denied' });
    expect(await rejection(instance(['default']).open('other'))).toEqual({ tag: 'access-denied' });
    // Listed but defined by nothing: no-such-database.
    expect(await rejection(instance(['other']).open('other'))).toEqual({ tag: 'no-such-database' });
    await expect(instance(['default']).open('default')).resolves.toBeDefined();
  });

  it('opens 256 connections at once, not 257, as Spin; dropping one frees a slot', async () => {
    const Connection = appDatabases()(['default']);
    const open = [];
    for (let i = 0; i < 256; i++) open.push(await Connection.open('default'));
    expect(await rejection(Connection.open('default'))).toEqual({
      tag: 'io',
      val: 'too many connections opened',
    });
    (open[0] as unknown as Record<symbol, () => void>)[disposeSymbol]!();
    await expect(Connection.open('default')).resolves.toBeDefined();
  });

  it('keeps rows for later instances and reports SQL errors as io', async () => {
    const instance = appDatabases();
    const first = await instance(['default']).open('default');
    await first.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)', []);
    await first.execute('INSERT INTO notes (body) VALUES (?)', [text('one')]);
    expect(first.lastInsertRowid()).toBe(1n);
    expect(first.changes()).toBe(1n);
    const later = await instance(['default']).open('default');
    expect(later.lastInsertRowid()).toBe(0n);
    expect(await later.execute('SELECT id, body FROM notes', [])).toEqual({
      columns: ['id', 'body'],
      rows: [{ values: [int(1n), text('one')] }],
    });
    expect(await rejection(later.execute('INSERT INTO nowhere VALUES (1)', []))).toEqual({
      tag: 'io',
      val: 'no such table: nowhere',
    });
  });

  it('loses no write when connections of many instances write at once', async () => {
    const instance = appDatabases();
    const setup = await instance(['default']).open('default');
    await setup.execute('CREATE TABLE hits (n INTEGER)', []);
    // Each opens its own copy; every write must land on the latest stored image.
    const writers = await Promise.all(
      Array.from({ length: 20 }, () => instance(['default']).open('default')),
    );
    await Promise.all(writers.map((c, i) => c.execute('INSERT INTO hits VALUES (?)', [int(BigInt(i))])));
    const count = await setup.execute('SELECT count(*) FROM hits', []);
    expect(count.rows[0]?.values[0]).toEqual(int(20n));
  });

  it('holds a transaction across executes and stores it at COMMIT; a dropped one rolls back', async () => {
    const instance = appDatabases();
    const a = await instance(['default']).open('default');
    const b = await instance(['default']).open('default');
    await a.execute('CREATE TABLE t (v TEXT)', []);
    await a.execute('BEGIN', []);
    await a.execute('INSERT INTO t VALUES (?)', [text('committed')]);
    // b waits for a's transaction to end, then sees it.
    const read = b.execute('SELECT v FROM t', []);
    await a.execute('COMMIT', []);
    expect((await read).rows).toEqual([{ values: [text('committed')] }]);

    await a.execute('BEGIN', []);
    await a.execute('INSERT INTO t VALUES (?)', [text('dropped')]);
    const waiting = b.execute('SELECT count(*) FROM t', []);
    (a as unknown as Record<symbol, () => void>)[disposeSymbol]!();
    expect((await waiting).rows[0]?.values[0]).toEqual(int(1n));
    expect(await rejection(a.execute('SELECT 1', []))).toEqual({ tag: 'invalid-connection' });
  });

  it('rolls back a transaction left unused, so it never holds the database for good', async () => {
    vi.useFakeTimers();
    try {
      const instance = appDatabases();
      const a = await instance(['default']).open('default');
      const b = await instance(['default']).open('default');
      await a.execute('CREATE TABLE t (v TEXT)', []);
      await a.execute('BEGIN', []);
      await a.execute('INSERT INTO t VALUES (?)', [text('forgotten')]);
      const waiting = b.execute('SELECT count(*) FROM t', []);
      await vi.advanceTimersByTimeAsync(TRANSACTION_IDLE_LIMIT_MS);
      expect((await waiting).rows[0]?.values[0]).toEqual(int(0n));
      const told = (await rejection(a.execute('COMMIT', []))) as { tag: string; val: string };
      expect(told.tag).toBe('io');
      expect(told.val).toContain('TRANSACTION_IDLE_LIMIT_MS');
      // The connection goes on working, from what is stored.
      expect((await a.execute('SELECT count(*) FROM t', [])).rows[0]?.values[0]).toEqual(int(0n));
    } finally {
      vi.useRealTimers();
    }
  });

  it('clear empties the database for every connection, waiting for an open transaction', async () => {
    const lock = new InProcessKvLock();
    const database = new SqliteDatabase('app:default', 'default', new MemoryImageStore(), lock);
    const Connection = createSqliteImports({ allowedLabels: ['default'], databaseFor: () => database })[
      'spin:sqlite/sqlite'
    ].Connection;
    const a = await Connection.open('default');
    await a.execute('CREATE TABLE t (v TEXT)', []);
    await a.execute('BEGIN', []);
    await a.execute('INSERT INTO t VALUES (?)', [text('x')]);
    const cleared = database.clear();
    await a.execute('COMMIT', []);
    await cleared;
    expect((await a.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [])).rows).toEqual([
      { values: [int(0n)] },
    ]);
  });
});
