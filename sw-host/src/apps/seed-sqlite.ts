/**
 * Runs SQL against an app's SQLite databases at deploy, as `spin up --sqlite` does at start
 * (spin's `crates/trigger/src/cli/sqlite_statements.rs`): a statement runs against `default`
 * (one statement, as a guest's `execute`); a file's statements run as a batch against its label.
 */
import { SwerveError } from '../errors.ts';
import type { SqliteSeed } from '../protocol/deploy.ts';
import { GuestConnection } from '../sqlite/guest-connection.ts';
import { sqliteEngine } from '../sqlite/sqlite-engine.ts';
import { SqliteFailure } from '../sqlite/sqlite-failure.ts';
import type { DeployedApp } from './deployed-app.ts';
import { appDatabase } from './sqlite-databases.ts';

export async function seedSqlite(app: DeployedApp, seeds: readonly SqliteSeed[]): Promise<void> {
  if (seeds.length === 0) return;
  const sqlite3 = await sqliteEngine();
  for (const seed of seeds) {
    const label = seed.label ?? 'default';
    const database = appDatabase(app, label);
    const what =
      seed.file === undefined
        ? `the SQL statement ${JSON.stringify(seed.sql)} against the default database`
        : `the SQL in ${seed.file} against database "${label}"`;
    if (!database) {
      throw new SwerveError(
        'deploy-invalid',
        `Could not run ${what}: app "${app.name}" has no SQLite database "${label}"; every app has one, "default".`,
      );
    }
    const connection = new GuestConnection(sqlite3, database);
    try {
      if (seed.file === undefined) await connection.execute(seed.sql, []);
      else await connection.executeScript(seed.sql);
    } catch (error) {
      const reason = error instanceof SqliteFailure ? error.message : String(error);
      throw new SwerveError(
        'deploy-invalid',
        `Could not run ${what}: ${reason}. Fix the SQL and start again.`,
        {
          cause: error,
        },
      );
    } finally {
      connection.close();
    }
  }
}
