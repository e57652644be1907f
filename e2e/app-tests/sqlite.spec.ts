/**
 * Spin's SQLite (`sqlite_databases`, `fermyon:spin/sqlite@2.0.0`, `spin:sqlite/sqlite@3.0.0`)
 * through the `sqlite` fixture component: rows keep every value type across requests, a stopped
 * worker and a reload; the test reads and writes the very database the guest does; grants and
 * errors are Spin's. (Concurrent writers in guest workers, two apps, a browser restart, SQL
 * given at deploy and `swerve up --sqlite`: e2e/tests/sqlite.spec.ts.)
 */
import { expect, test, type SwerveApp } from '@swerve/playwright';

test.use({ spinApp: '../components/fixtures/sqlite' });

interface Report {
  version: number;
  open: { ok?: true; err?: { tag: string } };
  results: {
    ok?: { columns: string[]; rows: { tag: string; val?: unknown }[][] };
    err?: { tag: string; val?: string };
  }[];
  lastInsertRowid?: string;
  changes?: string;
}

/** Runs `statements` (SQL, or SQL with parameters) in the app through the fixture. */
async function sql(
  app: SwerveApp,
  statements: (string | [string, unknown[]])[],
  options: { v?: 2 | 3; db?: string } = {},
): Promise<Report> {
  const query = new URLSearchParams();
  if (options.v) query.set('v', String(options.v));
  if (options.db) query.set('db', options.db);
  for (const statement of statements) {
    const [text, params] = typeof statement === 'string' ? [statement, undefined] : statement;
    query.append('sql', text);
    if (params) query.append('params', JSON.stringify(params));
  }
  const response = await app.fetch(`/?${query}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Report;
}

const CREATE = 'CREATE TABLE IF NOT EXISTS things (i INTEGER, r REAL, t TEXT, b BLOB, n)';
const INSERT = 'INSERT INTO things VALUES (?, ?, ?, ?, ?)';
/** One parameter of each type; the integer is past 2^53, the real integral. */
const ROW = [{ integer: '9007199254740993' }, { real: 2 }, { text: 'héllo 🌍' }, { blob: [0, 1, 255] }, null];
const STORED = [
  { tag: 'integer', val: '9007199254740993' },
  { tag: 'real', val: 2 },
  { tag: 'text', val: 'héllo 🌍' },
  { tag: 'blob', val: [0, 1, 255] },
  { tag: 'null' },
  { tag: 'text', val: 'real' },
];
const SELECT = 'SELECT i, r, t, b, n, typeof(r) FROM things ORDER BY rowid';

test('rows keep every value type across requests, a stopped worker and a reload; grants and SQL errors are Spin’s', async ({
  app,
  page,
}) => {
  const inserted = await sql(app, [CREATE, [INSERT, ROW]]);
  expect(inserted.results.map((result) => result.err)).toEqual([undefined, undefined]);
  expect(inserted).toMatchObject({ lastInsertRowid: '1', changes: '1' });

  // The 2.0 interface reads what the 3.0 one wrote, in a later request (a fresh instance).
  const read = await sql(app, [SELECT], { v: 2 });
  expect(read.results[0]?.ok?.rows).toEqual([STORED]);

  await app.stopServiceWorker();
  expect((await sql(app, [SELECT])).results[0]?.ok?.rows).toEqual([STORED]);
  // The app's own document, served by the restarted worker, then reloaded.
  await page.goto(`/?${new URLSearchParams({ sql: SELECT })}`);
  await page.reload();
  expect((JSON.parse(await page.locator('body').innerText()) as Report).results[0]?.ok?.rows).toEqual([
    STORED,
  ]);

  // The test reads what the guest wrote, and the guest what the test wrote.
  const db = app.sqlite();
  const written = await db.execute('INSERT INTO things (i, t) VALUES (?, ?)', [7n, 'from the page']);
  expect(written.changes).toBe(1n);
  const rows = await db.execute('SELECT i, r, t, b, n FROM things ORDER BY rowid');
  expect(rows.rows).toEqual([
    { i: 9007199254740993n, r: 2, t: 'héllo 🌍', b: new Uint8Array([0, 1, 255]), n: null },
    { i: 7n, r: null, t: 'from the page', b: null, n: null },
  ]);
  await expect(db.execute('SELECT * FROM nowhere')).rejects.toThrow('no such table: nowhere');
  const guestView = await sql(app, ['SELECT t FROM things WHERE i = 7']);
  expect(guestView.results[0]?.ok?.rows).toEqual([[{ tag: 'text', val: 'from the page' }]]);

  // A label the manifest does not grant: access-denied, as on Spin.
  expect((await sql(app, [], { db: 'secrets' })).open).toEqual({ err: { tag: 'access-denied' } });
  // A SQL error: Spin's io error with SQLite's message.
  expect((await sql(app, ['SELECT * FROM nowhere'])).results[0]).toEqual({
    err: { tag: 'io', val: 'no such table: nowhere' },
  });
});
