import { describe, expect, it } from 'vitest';
import { InProcessKvLock } from '../kv/kv-lock.ts';
import { MemoryImageStore } from './image-store.ts';
import { createSqliteImports } from './spin-sqlite.ts';
import { createSpinSqliteP3, type SqliteAsyncQuery } from './spin-sqlite-p3.ts';
import { SqliteDatabase } from './sqlite-database.ts';
import type { SqliteRow } from './sqlite-values.ts';

function context() {
  const database = new SqliteDatabase(
    'app:default',
    'default',
    new MemoryImageStore(),
    new InProcessKvLock(),
  );
  return {
    allowedLabels: ['default'],
    databaseFor: (label: string) => (label === 'default' ? database : undefined),
  };
}

async function rows([, stream, done]: SqliteAsyncQuery): Promise<{ rows: SqliteRow[]; done: unknown }> {
  const read: SqliteRow[] = [];
  for await (const row of stream) read.push(row);
  return { rows: read, done: await done };
}

describe('spin:sqlite/sqlite@3.1.0 (WASI 0.3)', () => {
  it('opens, executes and streams rows asynchronously, over the same database as 3.0.0', async () => {
    const shared = context();
    const { Connection } = createSpinSqliteP3(shared);
    const connection = await Connection.openAsync('default');
    expect(connection).toBeInstanceOf(Connection);
    await rows(await connection.executeAsync('CREATE TABLE t (v TEXT)', []));
    const inserted = await connection.executeAsync('INSERT INTO t VALUES (?)', [{ tag: 'text', val: 'p3' }]);
    expect(inserted[0]).toEqual([]);
    expect(await connection.lastInsertRowidAsync()).toBe(1n);
    expect(await connection.changesAsync()).toBe(1n);

    const p2 = await createSqliteImports(shared)['spin:sqlite/sqlite'].Connection.open('default');
    expect((await p2.execute('SELECT v FROM t', [])).rows).toEqual([
      { values: [{ tag: 'text', val: 'p3' }] },
    ]);

    const query = await connection.executeAsync('SELECT v FROM t', []);
    expect(query[0]).toEqual(['v']);
    expect(await rows(query)).toEqual({
      rows: [{ values: [{ tag: 'text', val: 'p3' }] }],
      done: { tag: 'ok', val: undefined },
    });
    // The synchronous 3.1.0 functions are there too.
    expect(
      (await (await Connection.open('default')).execute('SELECT count(*) AS n FROM t', [])).columns,
    ).toEqual(['n']);
  });

  it('gives Spin’s errors as the call’s err', async () => {
    const { Connection } = createSpinSqliteP3(context());
    await expect(Connection.openAsync('secret')).rejects.toEqual({ tag: 'access-denied' });
    const connection = await Connection.openAsync('default');
    await expect(connection.executeAsync('SELECT * FROM nowhere', [])).rejects.toEqual({
      tag: 'io',
      val: 'no such table: nowhere',
    });
  });
});
