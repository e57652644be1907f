/**
 * Spin's SQLite in the playground: a JavaScript handler granted `sqlite_databases` writes and
 * reads through `@spinframework/spin-sqlite` (the runner's import of `fermyon:spin/sqlite`), and
 * the SQLite panel shows its tables, runs a statement on the same database and exports it; a
 * share link carries the data as SQL to a copy in another profile.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
  DEPLOY_TIMEOUT,
  helloJsManifest,
  newProject,
  PLAYGROUND,
  replaceOpenFile,
  running,
  send,
} from '../fixtures/playground.ts';
import { expect, test } from '../fixtures/swerve.ts';

const MANIFEST = helloJsManifest('sqlite_databases = ["default"]');

const HANDLER = `import { openDefault } from '@spinframework/spin-sqlite';
addEventListener('fetch', (event) => {
  const db = openDefault();
  db.execute('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)', []);
  const body = new URL(event.request.url).searchParams.get('add');
  if (body) db.execute('INSERT INTO notes (body) VALUES (?)', [body]);
  const { rows } = db.execute('SELECT id, body FROM notes ORDER BY id', []);
  event.respondWith(new Response(rows.map((row) => \`\${row.id}:\${row.body}\`).join(',')));
});
`;

async function openFile(page: Page, path: string): Promise<void> {
  await page.locator(`button[title="${path}"]`).click();
}

test('a JavaScript handler keeps rows in SQLite; the panel lists its table, queries it and exports it', async ({
  page,
  browser,
}) => {
  await page.goto(PLAYGROUND);
  await newProject(page, 'js:hello');
  await openFile(page, 'spin.toml');
  await replaceOpenFile(page, MANIFEST);
  await running(page);
  await openFile(page, 'src/index.js');
  await replaceOpenFile(page, HANDLER);
  await expect(async () => {
    await send(page, '/?add=first%20note');
    await expect(page.getByTestId('response-body')).toHaveText('1:first note', { timeout: 1000 });
  }).toPass({ timeout: DEPLOY_TIMEOUT });

  await page.getByTestId('tab-sqlite').click();
  const panel = page.getByTestId('sqlite-panel');
  await expect(panel.getByTestId('sqlite-tables')).toHaveText('notes');

  // The panel writes to the database the handler reads.
  await panel.getByTestId('sqlite-query').fill("INSERT INTO notes (body) VALUES ('from the panel')");
  await panel.getByTestId('sqlite-run').click();
  await expect(panel.getByTestId('sqlite-result')).toContainText('1 row changed');
  await send(page, '/');
  await expect(page.getByTestId('response-body')).toHaveText('1:first note,2:from the panel');

  await panel.getByTestId('sqlite-query').fill('SELECT id, body, typeof(id) AS type FROM notes ORDER BY id');
  await panel.getByTestId('sqlite-run').click();
  const result = panel.getByTestId('sqlite-result');
  await expect(result.locator('th')).toHaveText(['id', 'body', 'type']);
  await expect(result.locator('tbody tr')).toHaveText(['1first noteinteger', '2from the panelinteger']);
  await page.screenshot({ path: test.info().outputPath('sqlite-panel.png') });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByTestId('sqlite-export').click(),
  ]);
  expect(download.suggestedFilename()).toBe('hello-js-default.sql');
  const dump = await readFile((await download.path())!, 'utf8');
  expect(dump).toContain('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);');
  expect(dump).toContain(`INSERT INTO "notes" VALUES(2,'from the panel');`);

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByTestId('sqlite-export-db').click(),
  ]);
  expect(file.suggestedFilename()).toBe('hello-js-default.db');
  const image = await readFile((await file.path())!);
  // A SQLite database file: its header, and the rows in its pages.
  expect(image.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  expect(image.includes('from the panel')).toBe(true);

  // A bad statement says what SQLite said.
  await panel.getByTestId('sqlite-query').fill('SELECT nope FROM notes');
  await panel.getByTestId('sqlite-run').click();
  await expect(panel.getByTestId('sqlite-error')).toContainText('no such column: nope');

  // A link that carries the data opens, in a fresh profile, a copy whose database has the rows.
  await page.getByTestId('share').click();
  const link = page.getByTestId('share-link');
  await expect(link).toHaveValue(/#v1\./);
  const withoutData = await link.inputValue();
  await page.getByTestId('share-include-sqlite').check();
  await expect(link).not.toHaveValue(withoutData);
  const context = await browser.newContext();
  const viewer = await context.newPage();
  await viewer.goto(await link.inputValue());
  await expect(viewer.getByTestId('response-body')).toHaveText('1:first note,2:from the panel', {
    timeout: DEPLOY_TIMEOUT,
  });
  await context.close();
});
