import { describe, expect, it } from 'vitest';
import sqlite3InitModule, { type Database } from '@sqlite.org/sqlite-wasm';
import type { SqliteClient, SqlitePlainValue } from 'swerve/client';
import { dumpSql, listTables, sqlLiteral } from './sql-dump.ts';

const sqlite3 = await sqlite3InitModule();

/** The page API's client over a real in-memory database of the host's own SQLite build. */
function clientOf(db: Database): SqliteClient {
  return {
    execute: async (statement, parameters = []) => {
      const columns: string[] = [];
      const rows = db.exec(statement, {
        bind: parameters as never,
        returnValue: 'resultRows',
        rowMode: 'array',
        columnNames: columns,
      }) as SqlitePlainValue[][];
      return { columns, rows, changes: BigInt(db.changes()), lastInsertRowid: 0n };
    },
    clear: async () => {},
    image: async () => sqlite3.capi.sqlite3_js_db_export(db),
  };
}

const all = (db: Database, sql: string) => db.exec(sql, { returnValue: 'resultRows', rowMode: 'array' });
const TABLE = '"odd ""name"""';

describe('dumpSql', () => {
  it('rebuilds the same tables, rows, value types, indexes and triggers', async () => {
    const source = new sqlite3.oo1.DB(':memory:');
    source.exec(`
      CREATE TABLE ${TABLE} (i INTEGER, r REAL, s TEXT, b BLOB, n);
      CREATE TABLE log (msg TEXT);
      CREATE INDEX by_s ON ${TABLE}(s);
      CREATE TRIGGER logged AFTER INSERT ON ${TABLE} BEGIN INSERT INTO log VALUES ('row'); END;
      CREATE TABLE seq (id INTEGER PRIMARY KEY AUTOINCREMENT);
    `);
    // 2.0 stays a real; the large integer is past a double's exact range.
    source.exec(`INSERT INTO ${TABLE} VALUES (?, 2.0, ?, ?, ?)`, {
      bind: [2n ** 62n + 1n, "it's\nthere", new Uint8Array([0, 1, 255]), null],
    });
    const client = clientOf(source);
    expect(await listTables(client)).toEqual(['log', 'odd "name"', 'seq']);

    const copy = new sqlite3.oo1.DB(':memory:');
    copy.exec(await dumpSql(client));
    const contents = `SELECT *, typeof(i), typeof(r), typeof(b) FROM ${TABLE} ORDER BY rowid`;
    expect(all(copy, contents)).toEqual(all(source, contents));
    // The trigger ran once in the source; its row comes back once, as the trigger is made after the rows.
    expect(all(copy, 'SELECT * FROM log')).toEqual([['row']]);
    const schema = 'SELECT type, name, sql FROM sqlite_schema ORDER BY name';
    expect(all(copy, schema)).toEqual(all(source, schema));
  });

  it('writes each value as a literal of its own type', () => {
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(-5n)).toBe('-5');
    expect(sqlLiteral(2)).toBe('2.0');
    expect(sqlLiteral(0.5)).toBe('0.5');
    expect(sqlLiteral(Infinity)).toBe('9e999');
    expect(sqlLiteral("a'b")).toBe("'a''b'");
    expect(sqlLiteral(new Uint8Array([10, 255]))).toBe("X'0aff'");
  });
});
