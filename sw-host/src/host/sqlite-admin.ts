/**
 * Answers pages' SQLite requests (protocol/sqlite-requests.ts) on the databases the guests use,
 * under the same lock, so a page sees what a component wrote and the other way round.
 */
import type { AppRegistry } from '../apps/app-registry.ts';
import { appDatabase, DEFINED_SQLITE_DATABASES } from '../apps/sqlite-databases.ts';
import { SwerveError } from '../errors.ts';
import type { SqliteReplies, SqliteRequests } from '../protocol/sqlite-requests.ts';
import { GuestConnection } from '../sqlite/guest-connection.ts';
import { sqliteEngine } from '../sqlite/sqlite-engine.ts';
import { SqliteFailure } from '../sqlite/sqlite-failure.ts';

interface SqliteContext {
  host: { registry: AppRegistry };
}

type SqliteHandlers = {
  [T in keyof SqliteRequests]: (
    context: SqliteContext,
    payload: SqliteRequests[T],
  ) => Promise<SqliteReplies[T]>;
};

async function databaseOf({ host: { registry } }: SqliteContext, app: string, label: string) {
  await registry.load();
  const deployed = registry.get(app);
  if (!deployed) throw new SwerveError('sqlite-invalid', `There is no app "${app}" on this host.`);
  const database = appDatabase(deployed, label);
  if (!database) {
    const defined = DEFINED_SQLITE_DATABASES.map((name) => `"${name}"`).join(', ');
    throw new SwerveError(
      'sqlite-invalid',
      `App "${app}" has no SQLite database "${label}"; it has ${defined}.`,
    );
  }
  return database;
}

export const sqliteHandlers: SqliteHandlers = {
  async 'sqlite-execute'(context, { app, label, statement, parameters }) {
    const connection = new GuestConnection(await sqliteEngine(), await databaseOf(context, app, label));
    try {
      const result = await connection.execute(statement, parameters);
      return { ...result, changes: connection.changes, lastInsertRowid: connection.lastInsertRowid };
    } catch (error) {
      if (!(error instanceof SqliteFailure)) throw error;
      throw new SwerveError(
        'sqlite-invalid',
        `SQLite database "${label}" of app "${app}": ${error.message}`,
        {
          cause: error,
        },
      );
    } finally {
      connection.close();
    }
  },
  async 'sqlite-clear'(context, { app, label }) {
    await (await databaseOf(context, app, label)).clear();
    return { done: true };
  },
  async 'sqlite-image'(context, { app, label }) {
    const database = await databaseOf(context, app, label);
    // Under the lock, so the image is never one a transaction has half written.
    const { image } = await database.lock.run(database.lockName, () => database.current());
    // A database never written is an empty one, which SQLite reads from an empty file.
    return { image: image?.slice() ?? new Uint8Array() };
  },
};
