/**
 * The docs site (`/docs/`, VitePress, site/docs): its pages run under the site's strict CSP with
 * nothing blocked, its navigation works, and its live examples are frames of the embed page
 * carrying the examples' own source files, which answer from inside the frame.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { decodeSharedApp } from '@swerve/playground/share-link';
import { SITE_URL } from '../fixtures/app-hosts.ts';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, test } from '../fixtures/swerve.ts';

const DOCS = `${SITE_URL}/docs/`;
const PAGES = [
  ['index.html', 'Swerve'],
  ['getting-started.html', 'Getting started'],
  ['playground.html', 'The playground'],
  ['share-links.html', 'Share links'],
  ['embeds.html', 'Embeds'],
  ['export.html', 'Export to Spin'],
  ['page-api.html', 'The page API'],
  ['testing.html', 'Testing your Spin app with Playwright'],
  ['spin-parity.html', 'Spin parity'],
  ['target-environment.html', 'Check an app for Swerve with spin build'],
  ['limits.html', 'Limits'],
  ['security.html', 'Security'],
  ['hosting.html', 'Host the playground for your docs'],
  ['examples.html', 'Live examples'],
] as const;

/** The live examples: where each is shown, the request its frame sends first, and its answer. */
const EXAMPLES = [
  { name: 'hello', page: 'getting-started.html', path: '/hello', answer: 'Hello from Swerve at /hello!' },
  { name: 'kv-counter', page: 'examples.html', path: '/visits', answer: 'count:/visits' },
  { name: 'json-api', page: 'examples.html', path: '/hello/docs', answer: 'Hello, docs!' },
] as const;

function exampleFile(name: string, path: string): string {
  return readFileSync(new URL(`../../site/docs/examples/${name}/${path}`, import.meta.url), 'utf8');
}

interface Problems {
  /** CSP violations in the docs page's own document (`securitypolicyviolation`). */
  violations(): Promise<string[]>;
  /** Console errors and uncaught exceptions of the docs pages (not of the apps they frame). */
  errors: string[];
}

/** Records what the browser blocked or reported on the docs pages of `page`, from its first load. */
async function watchProblems(page: Page): Promise<Problems> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(
        `${event.violatedDirective}: ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      ),
    );
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.location().url.includes('/docs/')) errors.push(message.text());
  });
  return {
    violations: () =>
      page.mainFrame().evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations),
    errors,
  };
}

test('every docs page loads under the strict CSP with nothing blocked and no error', async ({ page }) => {
  const problems = await watchProblems(page);
  for (const [file, title] of PAGES) {
    const response = await page.goto(`${DOCS}${file}`);
    expect(response?.status(), file).toBe(200);
    // The pages get the site's own policy: no inline scripts or styles are allowed.
    const csp = (await response?.headerValue('content-security-policy')) ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    await expect(page.locator(file === 'index.html' ? '.VPHero .name' : '.vp-doc h1').first()).toContainText(
      title,
    );
    // Hydrated: the theme's own script runs (the appearance switch is rendered by Vue).
    await expect(page.locator('.VPNavBar')).toBeVisible();
    expect(await problems.violations(), file).toEqual([]);
  }
  expect(problems.errors).toEqual([]);
});

test("the head's checks run from files, and code is coloured by the site's own stylesheet", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const problems = await watchProblems(page);
  const moved: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/docs/assets/inline/') && response.ok()) moved.push(response.url());
  });
  await page.goto(`${DOCS}page-api.html`);
  // The dark-mode check (moved out of an inline script) ran: the page follows the system's scheme.
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  expect(moved.length).toBeGreaterThanOrEqual(2);
  // Shiki's colours are classes whose rules are in page-styles.css, not blocked style attributes.
  const token = page.locator('.vp-doc pre.shiki .line > span[class^="c-"]').first();
  await expect(token).toBeVisible();
  expect(await token.evaluate((span) => getComputedStyle(span).getPropertyValue('--shiki-dark'))).toMatch(
    /^#/,
  );
  expect(await problems.violations()).toEqual([]);
  expect(problems.errors).toEqual([]);
});

test('the site links to the docs, and the sidebar moves between pages', async ({ page }) => {
  const problems = await watchProblems(page);
  await page.goto(`${SITE_URL}/`);
  await page.getByRole('link', { name: 'Read the docs' }).click();
  await expect(page).toHaveURL(`${DOCS}`);
  await page.getByRole('link', { name: 'Get started' }).click();
  await expect(page).toHaveURL(`${DOCS}getting-started.html`);
  await expect(page.locator('.vp-doc h1')).toHaveText(/Getting started/);

  // Pages the router loads in place (their HTML inserted by the script) are CSP-clean too.
  const sidebar = page.locator('.VPSidebar');
  await sidebar.getByRole('link', { name: 'The page API' }).click();
  await expect(page).toHaveURL(`${DOCS}page-api.html`);
  await expect(page.locator('.vp-doc h1')).toHaveText(/The page API/);
  await expect(page.locator('.vp-doc')).toContainText('connectHost({ origin })');

  await sidebar.getByRole('link', { name: 'Spin parity' }).click();
  await expect(page).toHaveURL(`${DOCS}spin-parity.html`);
  // The repository's own parity table, included rather than copied.
  const parity = readFileSync(new URL('../../docs/spin-parity.md', import.meta.url), 'utf8');
  await expect(page.locator('.vp-doc h2')).toHaveCount(parity.match(/^## /gm)!.length);
  await expect(page.locator('.vp-doc h2').first()).toHaveText(/Manifest/);

  await sidebar.getByRole('link', { name: 'The test kit' }).click();
  await expect(page.locator('.vp-doc h1')).toHaveText(/@swerve\/playwright/);
  // A link of the included document to a file outside the docs names that file instead.
  await expect(page.locator('.vp-doc')).toContainText('docs/decisions/0007-an-origin-per-app.md');

  await page.goBack();
  await expect(page).toHaveURL(`${DOCS}spin-parity.html`);
  expect(await problems.violations()).toEqual([]);
  expect(problems.errors).toEqual([]);

  // The top bar leads out of the docs, to the site's own pages.
  await page.locator('.VPNavBar').getByRole('link', { name: 'Playground' }).click();
  await expect(page).toHaveURL(`${SITE_URL}/playground/`);
});

test('the search box finds a page by the API it documents', async ({ page }) => {
  const problems = await watchProblems(page);
  await page.goto(`${DOCS}getting-started.html`);
  await page.locator('.VPNavBarSearch button').click();
  await page.getByPlaceholder(/search/i).fill('connectHost');
  const result = page.locator('.VPLocalSearchBox .result').first();
  await expect(result).toContainText('page API');
  await result.click();
  await expect(page).toHaveURL(new RegExp(`^${DOCS}page-api\\.html`));
  expect(await problems.violations()).toEqual([]);
  expect(problems.errors).toEqual([]);
});

for (const example of EXAMPLES) {
  test(`the ${example.name} live example's frame carries the example's own files`, async ({ page }) => {
    await page.goto(`${DOCS}${example.page}`);
    const figure = page.locator(`[data-testid="live-example"][data-example="${example.name}"]`).first();
    const frame = figure.getByTestId('live-example-frame');
    await expect(frame).toHaveCount(1);
    const src = new URL((await frame.getAttribute('src'))!, SITE_URL);
    expect(src.pathname).toBe('/embed');
    expect(src.searchParams.get('views')).toBe('console');
    expect(src.searchParams.get('path')).toBe(example.path);

    const app = await decodeSharedApp(src.hash);
    expect(app.files['src/index.js']).toBe(exampleFile(example.name, 'src/index.js'));
    expect(app.files['spin.toml']).toBe(exampleFile(example.name, 'spin.toml'));
    expect(app.files['runner.wasm']).toEqual({ component: 'runner' });
    // The source shown beside the frame is that same file.
    const entry = exampleFile(example.name, 'src/index.js').split('\n')[0]!;
    await expect(figure.locator('.live-example-source')).toContainText(entry);
  });

  test(`the ${example.name} live example runs in the runner and gives the answer its page shows`, async ({
    hostPage,
    hostFetch,
  }) => {
    // Deployed as the page API deploys any app, under a key of its own (the site has a "hello").
    await serveTestFiles(hostPage);
    const folder = fileURLToPath(new URL(`../../site/docs/examples/${example.name}/`, import.meta.url));
    const sources = readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name !== 'spin.toml')
      .map((entry) => relative(folder, join(entry.parentPath, entry.name)));
    const key = `docs-${example.name}`;
    const outcome = await deployApp(hostPage, {
      key,
      manifest: exampleFile(example.name, 'spin.toml'),
      files: {
        'runner.wasm': { built: 'runner/dist/runner.wasm' },
        ...Object.fromEntries(sources.map((path) => [path, { text: exampleFile(example.name, path) }])),
      },
    });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    const response = await hostFetch(`/apps/${key}${example.path}`);
    expect(response.status).toBe(200);
    expect(response.body).toContain(example.answer);
  });

  test(`the ${example.name} live example answers inside its frame`, async ({ page }) => {
    await page.goto(`${DOCS}${example.page}`);
    const figure = page.locator(`[data-testid="live-example"][data-example="${example.name}"]`).first();
    await figure.scrollIntoViewIfNeeded();
    const embed = figure.frameLocator('[data-testid="live-example-frame"]');
    await expect(embed.getByTestId('response-body')).toContainText(example.answer, { timeout: 45_000 });
  });
}
