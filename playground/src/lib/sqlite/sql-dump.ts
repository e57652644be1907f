/**
 * A SQLite database as a `.sql` file of statements that rebuild it (what the sqlite3 shell's
 * `.dump` gives), made through the page API's `execute`: the schema as SQLite keeps it in
 * `sqlite_schema`, tables first with their rows as INSERTs, then indexes, triggers and views.
 * It runs as `swerve up --sqlite @dump.sql` or `spin up --sqlite @dump.sql` takes it.
 */
import type { SqliteClient, SqlitePlainValue } from 'swerve/client';

/** SQLite's own tables (`sqlite_sequence`, `sqlite_stat1`, …) are rebuilt by SQLite itself. */
const isInternal = (name: string) => name.startsWith('sqlite_');

/** One value as a SQL literal that reads back as the same value and type. */
export function sqlLiteral(value: SqlitePlainValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    // SQLite has no literal for infinity; a number too large for a double reads back as one.
    if (value === Infinity) return '9e999';
    if (value === -Infinity) return '-9e999';
    // A whole real keeps its point, so that it reads back as a real, not an integer.
    return Number.isInteger(value) ? value.toFixed(1) : String(value);
  }
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return `X'${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}'`;
}

/** A name as a quoted SQL identifier. */
export const sqlIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The names of the user's tables, in order. */
export async function listTables(db: SqliteClient): Promise<string[]> {
  const { rows } = await db.execute(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
  );
  return rows.map((row) => String(row[0]));
}

/** The whole database as a `.sql` text. */
export async function dumpSql(db: SqliteClient): Promise<string> {
  const { rows: schema } = await db.execute(
    "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, rowid",
  );
  const lines = ['PRAGMA foreign_keys=OFF;', 'BEGIN TRANSACTION;'];
  for (const [type, name, sql] of schema) {
    if (isInternal(String(name))) continue;
    lines.push(`${String(sql)};`);
    if (type !== 'table') continue;
    const { rows } = await db.execute(`SELECT * FROM ${sqlIdentifier(String(name))}`);
    for (const row of rows) {
      lines.push(`INSERT INTO ${sqlIdentifier(String(name))} VALUES(${row.map(sqlLiteral).join(',')});`);
    }
  }
  lines.push('COMMIT;', '');
  return lines.join('\n');
}
