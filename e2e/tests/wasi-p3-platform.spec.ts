/**
 * A WASI 0.3 component that uses the platform interfaces a Spin 4 component imports
 * (components/fixtures/http-p3-platform, hand-written WAT): WASI 0.3 environment, random, system
 * clock and an async monotonic-clock wait, and WASI 0.2 environment, stderr and a blocking
 * monotonic-clock sleep, as Rust's std brings them, all in one instance (docs/decisions/0018-wasi-0-3.md). Deployed from a page, and
 * once under `swerve up` with `--env`.
 */
import type { Page } from '@playwright/test';
import { join, resolve } from 'node:path';
import { withHost } from '../fixtures/app-hosts.ts';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { freePort, startSwerveUp, stop } from '../fixtures/swerve-up-process.ts';
import { expect, test } from '../fixtures/swerve.ts';

const FIXTURE_DIR = join(resolve(import.meta.dirname, '../..'), 'components/fixtures/http-p3-platform');

const MANIFEST = `spin_manifest_version = 2
[application]
name = "p3-platform"
[[trigger.http]]
route = "/..."
component = "api"
[component.api]
source = "api.wasm"
environment = { GREETING = "hello from the manifest", PLACE = "the browser" }
`;

const DEADLINE_MS = 1000;

interface Answer {
  status: number;
  body: string;
  /** When the answer came, from when the request was sent (ms, the page's clock). */
  tookMs: number;
  /** `Date.now()` in the page as the answer came. */
  at: number;
}

/** Sends GET `paths` to app `p3-platform` one after the other, from inside the page. */
function getInTurn(page: Page, paths: string[]): Promise<Answer[]> {
  return withHost(
    page,
    'p3-platform',
    async (host, paths) => {
      const answers = [];
      for (const path of paths) {
        const started = performance.now();
        const response = await host.fetch(path);
        const body = await response.text();
        answers.push({ status: response.status, body, tookMs: performance.now() - started, at: Date.now() });
      }
      return answers;
    },
    paths,
  );
}

/** The `NAME=value` lines of an environment as the fixture answers it. */
function environmentOf(body: string): Record<string, string> {
  return Object.fromEntries(
    body
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

test.describe('a WASI 0.3 component using the platform interfaces', () => {
  test.beforeEach(async ({ hostPage }) => {
    await serveTestFiles(hostPage);
    const outcome = await deployApp(hostPage, {
      manifest: MANIFEST,
      files: { 'api.wasm': { built: 'fixtures/http-p3-platform/dist/http-p3-platform.wasm' } },
      requestTimeoutMs: DEADLINE_MS,
    });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  });

  test("sees the manifest's environment through WASI 0.3 and WASI 0.2 alike, in one instance", async ({
    hostPage,
  }) => {
    const [p3, p2] = await getInTurn(hostPage, ['/env', '/env-p2']);
    const expected = { GREETING: 'hello from the manifest', PLACE: 'the browser' };
    expect(p3).toMatchObject({ status: 200 });
    expect(environmentOf(p3!.body)).toEqual(expected);
    expect(p2).toMatchObject({ status: 200, body: p3!.body });
  });

  test('gets random bytes of the asked length, different each time', async ({ hostPage }) => {
    const answers = await getInTurn(hostPage, ['/random?16', '/random?16', '/random?1000']);
    for (const answer of answers) expect(answer.body).toMatch(/^([0-9a-f]{2})+$/);
    expect(answers.map((answer) => answer.body.length / 2)).toEqual([16, 16, 1000]);
    expect(answers[0]!.body).not.toBe(answers[1]!.body);
  });

  test("reads the system clock: within a few seconds of the page's", async ({ hostPage }) => {
    const [answer] = await getInTurn(hostPage, ['/time']);
    expect(answer!.status).toBe(200);
    expect(answer!.body).toMatch(/^\d+$/);
    expect(Math.abs(Number(answer!.body) - answer!.at / 1000)).toBeLessThan(5);
  });

  test('waits with the async wait-for without blocking: answers after the wait, and others meanwhile', async ({
    hostPage,
  }) => {
    const [waited] = await getInTurn(hostPage, ['/wait?200']);
    expect(waited).toMatchObject({ status: 200, body: 'waited 200 ms\n' });
    expect(waited!.tookMs).toBeGreaterThanOrEqual(200);

    // While one task waits, its instance answers another: the guest waits in a waitable set.
    const [slow, quick] = await withHost(
      hostPage,
      'p3-platform',
      async (host, paths) =>
        Promise.all(
          paths.map(async (path) => {
            const response = await host.fetch(path);
            return { body: await response.text(), at: performance.now() };
          }),
        ),
      ['/wait?500', '/time'],
    );
    expect(slow!.body).toBe('waited 500 ms\n');
    expect(quick!.body).toMatch(/^\d+$/);
    expect(quick!.at).toBeLessThan(slow!.at);
  });

  test("a wait-for past the app's request timeout is answered 504 at the deadline; the next request gets a fresh instance", async ({
    hostPage,
    workerLogs,
  }) => {
    const answers = await getInTurn(hostPage, ['/wait?60000', '/env']);
    expect(answers[0]!.status).toBe(504);
    expect(answers[0]!.tookMs).toBeGreaterThanOrEqual(DEADLINE_MS);
    expect(answers[0]!.tookMs).toBeLessThan(DEADLINE_MS + 5000);
    expect(answers[1]).toMatchObject({ status: 200 });
    expect(environmentOf(answers[1]!.body)).toMatchObject({ GREETING: 'hello from the manifest' });
    await expect
      .poll(() => workerLogs.find((line) => line.includes('answered 504')))
      .toMatch(/GET \/wait\?60000 answered 504: p3-platform\/api was stopped .*its deadline of 1 s passed/);
  });

  test('blocks on a WASI 0.2 pollable as std::thread::sleep does: answers after the sleep, and 504 at the deadline past it', async ({
    hostPage,
  }) => {
    const answers = await getInTurn(hostPage, ['/sleep-p2?200', '/sleep-p2?60000', '/sleep-p2?0']);
    expect(answers.map(({ status, body }) => [status, body])).toEqual([
      [200, 'slept 200 ms\n'],
      [504, ''],
      [200, 'slept 0 ms\n'],
    ]);
    expect(answers[0]!.tookMs).toBeGreaterThanOrEqual(200);
    expect(answers[1]!.tookMs).toBeGreaterThanOrEqual(DEADLINE_MS);
    expect(answers[1]!.tookMs).toBeLessThan(DEADLINE_MS + 5000);
  });

  test('a guest that exits through WASI 0.3 is answered 500 with a log line, as under WASI 0.2, and the next request gets a fresh instance', async ({
    hostPage,
    workerLogs,
  }) => {
    const answers = await getInTurn(hostPage, ['/exit', '/time']);
    expect(answers.map(({ status }) => status)).toEqual([500, 200]);
    await expect
      .poll(() => workerLogs.find((line) => line.includes('answered 500')))
      .toContain(
        'GET /exit answered 500: p3-platform/api failed while handling GET /exit: Component exited with error',
      );
  });

  test("a line written to WASI 0.2 stderr shows in the request's log", async ({ hostPage, workerLogs }) => {
    const answers = await getInTurn(hostPage, ['/', '/stderr-p2']);
    expect(answers.map(({ status, body }) => [status, body])).toEqual([
      [200, 'hello from the platform fixture\n'],
      [200, 'wrote to stderr\n'],
    ]);
    await expect
      .poll(() => workerLogs.filter((line) => line.includes('wasi 0.2 stderr')))
      .toEqual([
        '[service worker log] [swerve] p3-platform/api #2 a line on wasi 0.2 stderr from a wasi 0.3 handler',
      ]);
  });
});

test('swerve up runs the WASI 0.3 platform component: --env reaches the guest through WASI 0.3 and 0.2', async ({
  page,
}) => {
  const { child, up } = await startSwerveUp([
    FIXTURE_DIR,
    '--port',
    String(await freePort()),
    '--env',
    'GREETING=hello from --env',
    '--env',
    'EXTRA=given at the command line',
  ]);
  try {
    await page.goto(`${up.url}hello`);
    await expect(page.locator('body')).toHaveText('hello from the platform fixture', { timeout: 45_000 });
    const bodies = await page.evaluate(async () =>
      Promise.all(['/env', '/env-p2'].map((path) => fetch(path).then((response) => response.text()))),
    );
    expect(environmentOf(bodies[0]!)).toEqual({
      GREETING: 'hello from --env',
      EXTRA: 'given at the command line',
    });
    expect(bodies[1]).toBe(bodies[0]);
    // What the guest writes to WASI 0.2 stderr shows in the terminal.
    expect(await page.evaluate(() => fetch('/stderr-p2').then((response) => response.status))).toBe(200);
    await expect
      .poll(() => up.output())
      .toContain('[http-p3-platform] a line on wasi 0.2 stderr from a wasi 0.3 handler');
  } finally {
    await stop(child);
  }
});
