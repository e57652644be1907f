/**
 * Spin's SQLite (`sqlite_databases`, `fermyon:spin/sqlite@2.0.0`, `spin:sqlite/sqlite@3.0.0`)
 * through the `sqlite` fixture component, in the real service worker and guest workers, where
 * the site's fixtures are needed: the page client's `clear`, SQL given at deploy and deploys
 * refused, concurrent writers in guest workers (the host's `ranIn` record), one app's database
 * out of another app's reach, a browser restart, `swerve up --sqlite`. Rows across requests, a
 * stopped worker and a reload, grants and errors: e2e/app-tests/sqlite.spec.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { freePort, startSwerveUp, stop } from '../fixtures/swerve-up-process.ts';
import { withHost } from '../fixtures/app-hosts.ts';
import { expect, fetchFrom, test, type HostFetch } from '../fixtures/swerve.ts';
import { firstPage, withPersistentProfile } from '../fixtures/persistent-browser.ts';

const FILES = { 'sqlite.wasm': { built: 'fixtures/sqlite/dist/sqlite.wasm' } };

function manifest(name: string, databases: string[] = ['default']): string {
  return `spin_manifest_version = 2
[application]
name = "${name}"
[[trigger.http]]
route = "/..."
component = "sqlite"
[component.sqlite]
source = "sqlite.wasm"
sqlite_databases = ${JSON.stringify(databases)}
`;
}

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

/** Runs `statements` (SQL, or SQL with parameters) in app `key` through the fixture. */
async function sql(
  hostFetch: HostFetch,
  key: string,
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
  const response = await hostFetch(`/apps/${key}/?${query}`);
  expect(response.status, response.body).toBe(200);
  return JSON.parse(response.body) as Report;
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

test.describe('deployed from a page', () => {
  test.beforeEach(async ({ hostPage }) => serveTestFiles(hostPage));

  test('a page empties the database; SQL given at deploy runs, and a deploy fails on bad SQL or a label no database defines', async ({
    hostPage,
    hostFetch,
  }) => {
    const deployed = await deployApp(hostPage, { manifest: manifest('notes'), files: FILES });
    expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
    const inserted = await sql(hostFetch, 'notes', [CREATE, [INSERT, ROW]]);
    expect(inserted.results.map((result) => result.err)).toEqual([undefined, undefined]);

    // A page may empty the database (what a test kit's reset between tests does).
    await withHost(hostPage, 'notes', (host) => host.sqlite('notes').clear(), undefined);
    const emptied = await sql(fetchFrom(hostPage), 'notes', ['SELECT name FROM sqlite_schema']);
    expect(emptied.results[0]?.ok?.rows).toEqual([]);

    // SQL given at deploy (`swerve up --sqlite`): a statement, then a file's statements.
    const seeded = await deployApp(hostPage, {
      manifest: manifest('notes'),
      files: FILES,
      sqlite: [
        { sql: 'CREATE TABLE seeded (v TEXT)' },
        { sql: "INSERT INTO seeded VALUES ('one');\nINSERT INTO seeded VALUES ('two');\n", file: 'seed.sql' },
      ],
    });
    expect(seeded.ok, JSON.stringify(seeded)).toBe(true);
    expect((await sql(fetchFrom(hostPage), 'notes', ['SELECT v FROM seeded'])).results[0]?.ok?.rows).toEqual([
      [{ tag: 'text', val: 'one' }],
      [{ tag: 'text', val: 'two' }],
    ]);
    const badSeed = await deployApp(hostPage, {
      manifest: manifest('notes'),
      files: FILES,
      sqlite: [{ sql: 'CREATE TABLE seeded (v)' }],
    });
    expect(badSeed).toMatchObject({ ok: false, code: 'deploy-invalid' });
    expect(!badSeed.ok && badSeed.error).toContain('table seeded already exists');
    // A label no database defines fails the deploy, as `spin up` refuses to start.
    const undefinedLabel = await deployApp(hostPage, {
      manifest: manifest('notes', ['default', 'cache']),
      files: FILES,
    });
    expect(undefinedLabel).toMatchObject({ ok: false, code: 'manifest-invalid' });
  });

  test('concurrent writers lose nothing', async ({ hostPage, hostFetch }) => {
    expect((await deployApp(hostPage, { manifest: manifest('tally'), files: FILES })).ok).toBe(true);
    await sql(hostFetch, 'tally', ['CREATE TABLE hits (n INTEGER)']);
    const writes = 24;
    const statuses = await withHost(
      hostPage,
      'tally',
      (host, count) =>
        Promise.all(
          Array.from({ length: count }, (_, i) =>
            host
              .fetch(
                `/?sql=${encodeURIComponent('INSERT INTO hits VALUES (?)')}&params=${encodeURIComponent(JSON.stringify([{ integer: String(i) }]))}`,
              )
              .then(async (response) => (await response.json()).results[0].err ?? response.status),
          ),
        ),
      writes,
    );
    expect(statuses).toEqual(Array.from({ length: writes }, () => 200));
    // The writers ran side by side in the host page's guest workers (each with its own copy).
    const ranIn = await withHost(
      hostPage,
      'tally',
      async (host) => (await host.requests()).map((record) => record.ranIn ?? 'service worker'),
      undefined,
    );
    expect(new Set(ranIn.filter((where) => /^swerve-guest-\d$/.test(where))).size).toBeGreaterThanOrEqual(2);
    const count = await sql(hostFetch, 'tally', ['SELECT count(*), count(DISTINCT n) FROM hits']);
    expect(count.results[0]?.ok?.rows).toEqual([
      [
        { tag: 'integer', val: String(writes) },
        { tag: 'integer', val: String(writes) },
      ],
    ]);
  });

  test("an app opening its default database finds nothing of another app's, and a removed app's data is gone", async ({
    hostPage,
    hostFetch,
  }) => {
    for (const name of ['victim', 'attacker']) {
      expect((await deployApp(hostPage, { manifest: manifest(name), files: FILES })).ok).toBe(true);
    }
    await sql(hostFetch, 'victim', [
      'CREATE TABLE secrets (v TEXT)',
      ['INSERT INTO secrets VALUES (?)', [{ text: 'pin 1234' }]],
    ]);

    // The attacker opens "default" too, and looks for anything at all.
    const seen = await sql(hostFetch, 'attacker', [
      'SELECT name FROM sqlite_schema',
      'SELECT v FROM secrets',
      "ATTACH DATABASE 'default' AS other",
    ]);
    expect(seen.results[0]).toEqual({ ok: { columns: ['name'], rows: [] } });
    expect(seen.results[1]).toEqual({ err: { tag: 'io', val: 'no such table: secrets' } });
    expect(seen.results[2]?.err?.tag).toBe('io');

    // Removing the victim deletes its database: the same app deployed again starts empty.
    expect(await withHost(hostPage, 'victim', (host) => host.remove('victim'), undefined)).toBe(true);
    expect((await deployApp(hostPage, { manifest: manifest('victim'), files: FILES })).ok).toBe(true);
    const after = await sql(hostFetch, 'victim', ['SELECT name FROM sqlite_schema']);
    expect(after.results[0]).toEqual({ ok: { columns: ['name'], rows: [] } });
  });
});

test('rows survive a browser restart', async ({ baseURL }) => {
  await withPersistentProfile(baseURL!, async (launch) => {
    const open = async () => {
      const context = await launch();
      const page = await firstPage(context);
      await page.goto('/');
      await expect(page.locator('body[data-host="ready"]')).toBeAttached();
      return { context, page };
    };
    const first = await open();
    await serveTestFiles(first.page);
    expect((await deployApp(first.page, { manifest: manifest('kept'), files: FILES })).ok).toBe(true);
    const written = await sql(fetchFrom(first.page), 'kept', [CREATE, [INSERT, ROW]]);
    expect(written.results.map((result) => result.err)).toEqual([undefined, undefined]);
    await first.context.close();

    const second = await open();
    const read = await sql(fetchFrom(second.page), 'kept', [SELECT]);
    expect(read.results[0]?.ok?.rows).toEqual([STORED]);
    await second.context.close();
  });
});

test('swerve up --sqlite runs a statement and a file of statements before serving', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'swerve-sqlite-'));
  const seed = join(dir, 'seed.sql');
  await writeFile(
    seed,
    "INSERT INTO seeded VALUES ('from the file');\nINSERT INTO seeded VALUES ('and again');\n",
  );
  const { child, up } = await startSwerveUp([
    resolve(import.meta.dirname, '../../components/fixtures/sqlite'),
    '--port',
    String(await freePort()),
    '--sqlite',
    'CREATE TABLE seeded (v TEXT)',
    '--sqlite',
    `@${seed}`,
  ]);
  try {
    await page.goto(`${up.url}?sql=${encodeURIComponent('SELECT v FROM seeded ORDER BY rowid')}`);
    // The first visit deploys the app (transpiling its 12 MB component): seconds.
    await expect(page.locator('body')).toContainText('"results"', { timeout: 45_000 });
    const report = JSON.parse(await page.locator('body').innerText()) as Report;
    expect(report.results[0]?.ok?.rows).toEqual([
      [{ tag: 'text', val: 'from the file' }],
      [{ tag: 'text', val: 'and again' }],
    ]);
  } finally {
    await stop(child);
    await rm(dir, { recursive: true, force: true });
  }
});
