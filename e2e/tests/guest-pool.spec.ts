/**
 * Guests run in parallel in the guest workers of the app's host page (docs/decisions/0019): the
 * site's page frames the host page, which starts the workers and hands the service worker a port
 * to each. Request records say which worker ran each request (`ranIn`), so every test checks the
 * pool really served it.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { appTab, withHost } from '../fixtures/app-hosts.ts';
import { deployApp, serveTestFiles, type DeployArgs } from '../fixtures/deploy.ts';
import { hostRequest } from '../fixtures/host-request.ts';
import { expect, test } from '../fixtures/swerve.ts';
import { HOST_PROTOCOL_VERSION } from 'swerve/protocol';
import type { RequestRecord } from 'swerve/protocol';

const DEADLINE_MS = 3000;

const loopApp: DeployArgs = {
  name: 'pool-loop',
  manifest: readFileSync(new URL('../../components/fixtures/loop/spin.toml', import.meta.url), 'utf8'),
  files: {
    'dist/loop.wasm': { built: 'fixtures/loop/dist/loop.wasm' },
    'dist/js-loop.wasm': { built: 'fixtures/loop/dist/js-loop.wasm' },
  },
  requestTimeoutMs: DEADLINE_MS,
};

const counterApp: DeployArgs = {
  name: 'pool-counter',
  manifest: readFileSync(new URL('../../components/fixtures/counter/spin.toml', import.meta.url), 'utf8'),
  files: { 'dist/counter.wasm': { built: 'fixtures/counter/dist/counter.wasm' } },
};

async function records(page: Page, key: string, sinceId?: number): Promise<RequestRecord[]> {
  return (await hostRequest(page, key, 'metrics', sinceId === undefined ? {} : { sinceId })).records;
}

/** The guest workers that ran these records' requests. */
function workersOf(list: RequestRecord[]): Set<string | undefined> {
  return new Set(list.map((record) => record.ranIn));
}

test('a looping guest is stopped at its deadline while another component of the app answers at once', async ({
  hostPage,
  workerLogs,
}) => {
  await serveTestFiles(hostPage);
  const outcome = await deployApp(hostPage, loopApp);
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  // Both components loaded in both workers first (two at once reach both), so nothing waits on a load.
  const warm = await withHost(
    hostPage,
    'pool-loop',
    async (host) => {
      const statuses: number[] = [];
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.all(['/ok', '/js/hello', '/ok', '/js/hello'].map((p) => host.fetch(p)));
        statuses.push(...answers.map((answer) => answer.status));
      }
      return statuses;
    },
    undefined,
  );
  expect(warm.every((status) => status === 200)).toBe(true);
  const before = (await records(hostPage, 'pool-loop')).at(-1)!.id;

  const timeline = await withHost(
    hostPage,
    'pool-loop',
    async (host) => {
      const started = performance.now();
      const stuck = host.fetch('/spin').then((r) => ({ status: r.status, at: performance.now() - started }));
      // The loop is running by now; another component of the same app is asked meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const asked = performance.now() - started;
      const other = await host.fetch('/js/hello');
      const answered = { status: other.status, body: await other.text(), at: performance.now() - started };
      return { stuck: await stuck, asked, answered };
    },
    undefined,
  );
  expect(timeline.stuck.status).toBe(504);
  expect(timeline.stuck.at).toBeGreaterThanOrEqual(DEADLINE_MS);
  expect(timeline.answered).toMatchObject({ status: 200, body: 'js ok\n' });
  // Answered while the loop still ran, not after it was stopped.
  expect(timeline.answered.at).toBeLessThan(timeline.stuck.at);
  expect(timeline.answered.at - timeline.asked).toBeLessThan(DEADLINE_MS / 2);
  await expect
    .poll(() => workerLogs.find((line) => line.includes('GET /spin answered 504')))
    .toMatch(
      /pool-loop\/loop was stopped while handling GET \/spin \(route \/\.\.\.\): its deadline of 3 s passed/,
    );

  const after = await withHost(
    hostPage,
    'pool-loop',
    async (host) => Promise.all(['/ok', '/js/hello'].map(async (p) => (await host.fetch(p)).text())),
    undefined,
  );
  expect(after).toEqual(['ok\n', 'js ok\n']);
  const served = await records(hostPage, 'pool-loop', before);
  const spin = served.find((record) => record.path === '/spin')!;
  const hello = served.find((record) => record.path === '/js/hello')!;
  // Two guest workers of the page, side by side.
  expect(spin.ranIn).toMatch(/^swerve-guest-\d$/);
  expect(hello.ranIn).toMatch(/^swerve-guest-\d$/);
  expect(hello.ranIn).not.toBe(spin.ranIn);
});

test('100 concurrent increments through the guest workers leave exactly 100', async ({ hostPage }) => {
  const ids = await withHost(
    hostPage,
    'todo-api',
    (host) =>
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          host
            .fetch('/todos', { method: 'POST', body: JSON.stringify({ title: `todo ${i}` }) })
            .then((response) => response.json())
            .then((todo: { id: number }) => todo.id),
        ),
      ),
    undefined,
  );
  expect(new Set(ids).size).toBe(100);
  expect(Math.max(...ids)).toBe(100);
  const posts = (await records(hostPage, 'todo-api')).filter((record) => record.method === 'POST');
  expect(posts).toHaveLength(100);
  // The increments ran on more than one thread at once, each in a guest worker.
  const workers = workersOf(posts);
  expect(workers.size).toBeGreaterThanOrEqual(2);
  for (const worker of workers) expect(worker).toMatch(/^swerve-guest-\d$/);
});

test('pooled workers keep no state between requests: a counting component sees 1 every time', async ({
  hostPage,
}) => {
  await serveTestFiles(hostPage);
  expect((await deployApp(hostPage, counterApp)).ok).toBe(true);
  const bodies = await withHost(
    hostPage,
    'pool-counter',
    async (host) => {
      const seen: string[] = [];
      for (let i = 0; i < 10; i++) seen.push(await (await host.fetch('/')).text());
      const together = await Promise.all(
        Array.from({ length: 16 }, () => host.fetch('/').then((r) => r.text())),
      );
      return [...seen, ...together];
    },
    undefined,
  );
  expect(bodies).toEqual(Array(26).fill('memory=1 global=1 pages=2\n'));
  const served = await records(hostPage, 'pool-counter');
  const workers = workersOf(served.filter((record) => record.path === '/'));
  expect(workers.size).toBeGreaterThanOrEqual(2);
  for (const worker of workers) expect(worker).toMatch(/^swerve-guest-\d$/);
});

test('closing the page that owns the guest workers leaves no request unanswered, and the next ones are served', async ({
  hostPage,
  workerLogs,
}) => {
  // A tab at hello's own origin (no host page in it, so no pool of its own) sends the requests.
  const tab = await appTab(hostPage, 'hello');
  const metrics = () =>
    tab.evaluate(async (version) => {
      const channel = new MessageChannel();
      const reply = new Promise<{ payload: { records: RequestRecord[] } }>((resolve) => {
        channel.port1.onmessage = (event) => resolve(event.data);
      });
      navigator.serviceWorker.controller!.postMessage(
        { swerve: version, kind: 'request', type: 'metrics', payload: {} },
        [channel.port2],
      );
      return (await reply).payload.records;
    }, HOST_PROTOCOL_VERSION);
  const burst = (count: number) =>
    tab.evaluate(async (count) => {
      const statuses: number[] = [];
      for (let i = 0; i < count; i++) {
        const answers = await Promise.all([fetch('/'), fetch('/')]);
        statuses.push(...answers.map((answer) => answer.status));
        await Promise.all(answers.map((answer) => answer.text()));
      }
      return statuses;
    }, count);

  expect(await burst(5)).toEqual(Array(10).fill(200));
  expect([...workersOf(await metrics())].some((worker) => worker?.startsWith('swerve-guest-'))).toBe(true);

  // Requests keep coming while the page with the pool closes.
  const during = burst(40);
  await tab.waitForTimeout(100);
  await hostPage.close();
  // Every request is answered: run again in the service worker if its guest had not begun, else
  // (a guest that began may have changed something: it is not run twice) 503 with a log line.
  const statuses = await during;
  expect(statuses).toHaveLength(80);
  expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
  const lost = statuses.filter((status) => status === 503).length;
  await expect
    .poll(() =>
      workerLogs.filter((line) => /answered 503: .*was lost \(the page that owned it closed\)/.test(line)),
    )
    .toHaveLength(lost);
  const last = (await metrics()).at(-1)!.id;
  expect(await burst(5)).toEqual(Array(10).fill(200));
  // With no page of ours left, the service worker runs the guests itself.
  const later = (await metrics()).filter((record) => record.id > last);
  expect(later).toHaveLength(10);
  expect(workersOf(later)).toEqual(new Set([undefined]));
  expect(workerLogs.filter((line) => line.includes('answered 5')).length).toBe(lost);
});

test('a guest stuck where the deadline checks cannot reach has its worker replaced: 504, and the app serves on', async ({
  hostPage,
  workerLogs,
}) => {
  await serveTestFiles(hostPage);
  const deployed = await deployApp(hostPage, {
    name: 'pool-stuck',
    manifest: readFileSync(new URL('../../components/fixtures/stuck/spin.toml', import.meta.url), 'utf8'),
    files: { 'dist/stuck.wasm': { built: 'fixtures/stuck/dist/stuck.wasm' } },
    requestTimeoutMs: 1000,
  });
  expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
  const timeline = await withHost(
    hostPage,
    'pool-stuck',
    async (host) => {
      await Promise.all([host.fetch('/'), host.fetch('/')]);
      const started = performance.now();
      const stuck = host.fetch('/stuck').then((r) => ({ status: r.status, at: performance.now() - started }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const other = await host.fetch('/');
      const answered = { status: other.status, at: performance.now() - started };
      const result = await stuck;
      // After the replacement: both workers serve again (the fresh one loads the component).
      const after = await Promise.all([host.fetch('/'), host.fetch('/'), host.fetch('/')]);
      return { stuck: result, answered, after: after.map((r) => r.status) };
    },
    undefined,
  );
  expect(timeline.answered.status).toBe(200);
  expect(timeline.answered.at).toBeLessThan(timeline.stuck.at);
  expect(timeline.stuck.status).toBe(504);
  // Not by the guest's own deadline check (it has none to reach): by the backstop after it.
  expect(timeline.stuck.at).toBeGreaterThan(1000);
  expect(timeline.after).toEqual([200, 200, 200]);
  await expect
    .poll(() => workerLogs.find((line) => line.includes('GET /stuck answered 504')))
    .toMatch(
      /pool-stuck\/stuck was stopped while handling GET \/stuck \(route \/\.\.\.\): its deadline of 1 s passed, and its guest worker, stuck where the deadline checks cannot reach, was replaced/,
    );
  const served = await records(hostPage, 'pool-stuck');
  const later = served.filter((record) => record.path === '/').slice(-3);
  for (const record of later) expect(record.ranIn).toMatch(/^swerve-guest-\d$/);
});
