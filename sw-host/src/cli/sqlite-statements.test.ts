import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args.ts';
import { readSqliteStatements } from './sqlite-statements.ts';

describe('readSqliteStatements', () => {
  it('reads statements for default, and @file or @file:label as files of statements', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'swerve-sqlite-'));
    await writeFile(join(dir, 'schema.sql'), 'CREATE TABLE a (v);\nCREATE TABLE b (v);\n');
    expect(
      await readSqliteStatements(['INSERT INTO a VALUES (1)', '@schema.sql', '@ schema.sql : default '], dir),
    ).toEqual([
      { sql: 'INSERT INTO a VALUES (1)' },
      { sql: 'CREATE TABLE a (v);\nCREATE TABLE b (v);\n', file: 'schema.sql', label: 'default' },
      { sql: 'CREATE TABLE a (v);\nCREATE TABLE b (v);\n', file: 'schema.sql', label: 'default' },
    ]);
  });

  it.each([
    ['@', 'the file is missing'],
    ['@:default', 'the file path is empty'],
    ['@schema.sql:', 'the database label is empty'],
    ['@missing.sql', 'could not read missing.sql'],
  ])('%j is refused, saying what to write', async (arg, message) => {
    const failure = readSqliteStatements([arg], tmpdir());
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(message);
  });
});
