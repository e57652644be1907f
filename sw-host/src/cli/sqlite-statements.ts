/**
 * `--sqlite` arguments as `spin up` reads them (spin's `crates/trigger/src/cli/sqlite_statements.rs`):
 * `@file` or `@file:label` is a file of statements for that database (`default` if no label),
 * read from the working directory; anything else is one statement for `default`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SqliteSeed } from '../protocol/deploy.ts';
import { UsageError } from './args.ts';

/** The `--sqlite` arguments as deploy seeds, files read. */
export async function readSqliteStatements(args: readonly string[], cwd: string): Promise<SqliteSeed[]> {
  const seeds: SqliteSeed[] = [];
  for (const arg of args) {
    if (!arg.startsWith('@')) {
      seeds.push({ sql: arg });
      continue;
    }
    const { file, label } = fileAndLabel(arg.slice(1));
    let sql: string;
    try {
      sql = await readFile(resolve(cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(
        `--sqlite ${arg}: could not read ${file} (${(error as Error).message}). Give a file of SQL statements, relative to the current folder.`,
      );
    }
    seeds.push({ sql, file, label });
  }
  return seeds;
}

function fileAndLabel(config: string): { file: string; label: string } {
  const trimmed = config.trim();
  if (trimmed === '') throw new UsageError('--sqlite @: the file is missing; write --sqlite @schema.sql');
  const colon = trimmed.indexOf(':');
  if (colon < 0) return { file: trimmed, label: 'default' };
  const file = trimmed.slice(0, colon).trim();
  const label = trimmed.slice(colon + 1).trim();
  if (file === '')
    throw new UsageError(`--sqlite @${config}: the file path is empty; write --sqlite @schema.sql:${label}`);
  if (label === '')
    throw new UsageError(`--sqlite @${config}: the database label is empty; write --sqlite @${file}:default`);
  return { file, label };
}
