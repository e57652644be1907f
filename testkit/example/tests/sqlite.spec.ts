// Spin's SQLite, through a JavaScript component that runs the SQL it is sent (?sql=...) and
// answers with the rows: the test seeds the database the handler uses, and reads what it wrote.
import { expect, test } from '@swerve/playwright';

test.use({ spinApp: 'apps/sqlite/spin.toml' });

test("the handler reads the rows the test wrote, and the test reads the handler's", async ({ app }) => {
  const db = app.sqlite();
  await db.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, data BLOB)');
  const seeded = await db.execute('INSERT INTO notes (body, data) VALUES (?, ?)', [
    'seeded',
    new Uint8Array([1, 2]),
  ]);
  expect(seeded.lastInsertRowid).toBe(1n);

  type Report = { results: { ok?: { rows: unknown[][] } }[] };
  const read = await app.fetch<Report>(`/?sql=${encodeURIComponent('SELECT body FROM notes')}`);
  expect((await read.json()).results[0]?.ok?.rows).toEqual([[{ tag: 'text', val: 'seeded' }]]);
  await app.fetch(`/?sql=${encodeURIComponent("INSERT INTO notes (body) VALUES ('from the handler')")}`);

  expect((await db.execute('SELECT id, body, data FROM notes ORDER BY id')).rows).toEqual([
    { id: 1n, body: 'seeded', data: new Uint8Array([1, 2]) },
    { id: 2n, body: 'from the handler', data: null },
  ]);
});
