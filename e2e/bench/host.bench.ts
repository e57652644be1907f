/**
 * `npm run bench`: how fast the host answers, against the plain JavaScript baseline measured in
 * the same run, and against the same component on a server (jco serve in Node). Prints a table
 * and writes bench-results/latest.json. See issue "Benchmarks" for the targets.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { appOrigin, hostHandle, PORT } from '../fixtures/app-hosts.ts';
import { expect, test } from '../fixtures/swerve.ts';
import { deployApp, PROBE_FILES, probeManifest, serveTestFiles } from '../fixtures/deploy.ts';
import { firstPage, withPersistentProfile } from '../fixtures/persistent-browser.ts';
import { hostRequest } from '../fixtures/host-request.ts';
import { deadlineCost } from './deadline-cost.ts';
import { outboundCases } from './outbound-cases.ts';
import { ranIn, setGuestPool, whileOneLoops } from './parallel-cases.ts';
import { makeShareLink, measureShareLink, openShareLinkThroughLine } from './share-link.ts';
import { measureFirstVisit } from './first-visit.ts';
import { REALISTIC_LINE } from './throttled-line.ts';
import { sequentialLatencies, throughput, type RequestSpec } from './page-load.ts';
import {
  formatReport,
  machineDescription,
  writeReport,
  type BenchReport,
  type LatencyRow,
} from './report.ts';
import { nodeSequentialLatencies, startJcoServe } from './server-reference.ts';
import { summarize } from './stats.ts';
import { attachToServiceWorker } from './worker-heap.ts';

const N = Number(process.env.SWERVE_BENCH_N ?? 500);
const WARMUP = 50;
const HELLO_WASM = resolve(import.meta.dirname, '../../components/examples/hello/dist/hello.wasm');
const RESULTS = resolve(import.meta.dirname, '../bench-results/latest.json');
const LOOP_DEADLINE_MS = 2000;

/** The `loop` fixture: `/spin` loops until its deadline, `/ok` answers at once (same component). */
const LOOP_APP = {
  name: 'bench-loop',
  manifest: readFileSync(resolve(import.meta.dirname, '../../components/fixtures/loop/spin.toml'), 'utf8'),
  files: {
    'dist/loop.wasm': { built: 'fixtures/loop/dist/loop.wasm' },
    'dist/js-loop.wasm': { built: 'fixtures/loop/dist/js-loop.wasm' },
  },
  requestTimeoutMs: LOOP_DEADLINE_MS,
};

/**
 * Each case is timed from a tab at its app's own origin, so the fetch goes straight to that
 * origin's service worker, as an app's own documents' fetches do. The baseline runs in hello's.
 */
const CASES: { name: string; app: string; spec: RequestSpec; note?: string }[] = [
  { name: 'plain JS route (baseline)', app: 'hello', spec: { path: '/_swerve/plain' } },
  { name: 'minimal (WAT, 7.7 KB)', app: 'minimal', spec: { path: '/' } },
  { name: 'hello (JS, 12 MiB)', app: 'hello', spec: { path: '/' } },
  { name: 'echo, 64 KB POST', app: 'echo', spec: { path: '/', method: 'POST', bodyBytes: 65_536 } },
  // The same component with and without its key-value get + set (IndexedDB through JSPI).
  { name: 'kv-counter, no KV call', app: 'kv-counter', spec: { path: '/bench?no-kv' } },
  { name: 'kv-counter, get + set', app: 'kv-counter', spec: { path: '/bench' } },
];

/**
 * A tab at app `key`'s origin, controlled by its service worker, with no request sent to the app
 * yet: the site page installs the host through the host page's frame, then the tab opens
 * Swerve's own (never intercepted) status page there.
 */
async function appTab(context: BrowserContext, sitePage: Page, key: string): Promise<Page> {
  await hostHandle(sitePage, key);
  const page = await context.newPage();
  await page.goto(`${appOrigin(key)}/_swerve/host.html`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page;
}

const median = (values: number[]) => summarize(values).median;
const lastRequestId = ({ records }: { records: { id: number }[] }) => records.at(-1)?.id ?? 0;

test('benchmark', async ({ hostPage, browser, baseURL, context }) => {
  const tabs = new Map<string, Page>();
  const tab = async (key: string) => {
    if (!tabs.has(key)) tabs.set(key, await appTab(context, hostPage, key));
    return tabs.get(key)!;
  };
  const report: BenchReport = {
    machine: machineDescription(),
    browser: `Chromium ${browser.version()}`,
    date: new Date().toISOString(),
    latency: [],
    throughput: [],
    parallel: [],
    coldStart: [],
    breakdown: [],
    loadOnce: [],
    memory: [],
    targets: [],
    outbound: [],
    streaming: [],
    deadlineCost: [],
    sizes: [],
    notMeasured: [],
  };

  // Cold start (b) first, while no component is loaded in this worker yet: the first request to
  // a component fetches its 12 MiB from the server, compiles it and evaluates its glue.
  const firstHello = await sequentialLatencies(await tab('hello'), { path: '/' }, 1);
  // The request that loaded hello: the timed one, unless the tab's own requests (its favicon)
  // reached the app first.
  const helloRecords = (await hostRequest(hostPage, 'hello', 'metrics', {})).records;
  const firstRecord = helloRecords.find((record) => record.load) ?? helloRecords.at(-1)!;
  report.coldStart.push({
    name: 'first request to a component not loaded yet',
    ms: firstHello[0]!,
    note:
      `fetch + compile ${firstRecord.load?.fetchMs.toFixed(0)} ms, glue ${firstRecord.load?.glueMs.toFixed(0)} ms, ` +
      `instantiate ${firstRecord.timings.instantiateMs.toFixed(0)} ms, handle ${firstRecord.timings.handleMs.toFixed(0)} ms`,
  });

  // Per-request latency, each case after a warm-up, one after another on the same worker, with
  // the host's own breakdown of the same requests (read before later cases evict them).
  let baseline = Number.NaN;
  for (const { name, app, spec } of CASES) {
    const page = await tab(app);
    await sequentialLatencies(page, spec, WARMUP);
    const before = lastRequestId(await hostRequest(hostPage, app, 'metrics', {}));
    const row: LatencyRow = { name, ...summarize(await sequentialLatencies(page, spec, N)) };
    if (Number.isNaN(baseline)) baseline = row.median;
    else row.ratio = row.median / baseline;
    report.latency.push(row);
    const records = (await hostRequest(hostPage, app, 'metrics', { sinceId: before })).records;
    // The baseline is the worker's plain route, which keeps no records of its own.
    if (row.ratio !== undefined && records.length > 0) {
      report.breakdown.push({
        name,
        instantiateMs: median(records.map((r) => r.timings.instantiateMs)),
        handleMs: median(records.map((r) => r.timings.handleMs)),
        workerTotalMs: median(records.map((r) => r.timings.totalMs)),
      });
    }
  }
  report.loadOnce.push(
    { name: 'fetch + compile (hello, once per version)', ms: firstRecord.load?.fetchMs ?? Number.NaN },
    { name: 'glue evaluation (hello, once per version)', ms: firstRecord.load?.glueMs ?? Number.NaN },
  );

  // Server reference: the same hello component under jco serve, fresh instance per request.
  const server = await startJcoServe(HELLO_WASM, 18_000 + Math.floor(Math.random() * 1000));
  try {
    await nodeSequentialLatencies(server.url, WARMUP);
    const row: LatencyRow = {
      name: 'hello under jco serve (Node)',
      ...summarize(await nodeSequentialLatencies(server.url, N)),
      note: 'server reference; ratio = browser hello / this',
    };
    const browserHello = report.latency.find((r) => r.name.startsWith('hello'))!;
    row.ratio = browserHello.median / row.median;
    report.latency.push(row);
  } finally {
    server.stop();
  }

  // Throughput with 8 and 32 requests in flight.
  for (const { name, app, spec } of [CASES[0]!, CASES[2]!]) {
    for (const inFlight of [8, 32]) {
      const result = await throughput(await tab(app), spec, inFlight, Math.max(N, 200));
      report.throughput.push({ name, inFlight, ...result });
    }
  }

  // Parallel guests (decision 0019): the same cases in the service worker's own thread and in the
  // guest workers of the host page the site's page frames. The tabs first, since opening one
  // frames its origin's host page.
  await serveTestFiles(hostPage);
  const loopDeployed = await deployApp(hostPage, LOOP_APP);
  expect(loopDeployed.ok, JSON.stringify(loopDeployed)).toBe(true);
  const [helloTab, loopTab] = [await tab('hello'), await tab(LOOP_APP.name!)];
  let inThreadRps = Number.NaN;
  for (const pooled of [false, true]) {
    const mode = pooled ? 'pool' : 'in-thread';
    for (const key of ['hello', LOOP_APP.name!]) await setGuestPool(hostPage, key, pooled);
    // Warm, in flight together, so every guest worker has loaded hello.
    await throughput(helloTab, { path: '/' }, 8, WARMUP);
    // What the hop to a guest worker costs one request at a time.
    const sequential: LatencyRow = {
      name: `hello, one at a time, ${mode}`,
      ...summarize(await sequentialLatencies(helloTab, { path: '/' }, N)),
    };
    sequential.ratio = sequential.median / baseline;
    report.latency.push(sequential);
    const result = await throughput(helloTab, { path: '/' }, 32, Math.max(N, 200));
    if (!pooled) inThreadRps = result.requestsPerSecond;
    report.throughput.push({
      name: `hello, ${mode}`,
      inFlight: 32,
      ...result,
      ratio: pooled ? result.requestsPerSecond / inThreadRps : undefined,
      note: `ran in: ${await ranIn(helloTab, result.total)}`,
    });
    await whileOneLoops(loopTab, '/spin', '/ok', 5); // the loop component loaded everywhere
    const looping = await whileOneLoops(loopTab, '/spin', '/ok', 50);
    expect(looping.loopStatus).toBe(504);
    const normalMs = median(looping.normal);
    const whileLoopingMs = median(looping.during);
    report.parallel.push({
      name: `other requests while one guest loops, ${mode}`,
      normalMs,
      whileLoopingMs,
      ratio: whileLoopingMs / normalMs,
      note: `${looping.during.length} requests during the ${LOOP_DEADLINE_MS / 1000} s loop; ran in: ${await ranIn(loopTab, looping.during.length)}`,
    });
  }

  // Outbound calls and streamed responses.
  const outbound = await outboundCases(hostPage, N, WARMUP);
  report.outbound.push(...outbound.latency);
  report.streaming.push(...outbound.streaming);

  // Memory: worker heap after 100 and after 5,000 hello requests.
  const heap = await attachToServiceWorker(browser, `${new URL(appOrigin('hello')).host}/sw.js`);
  try {
    let served = 0;
    for (const target of [100, 5_000]) {
      await sequentialLatencies(helloTab, { path: '/' }, target - served);
      served = target;
      report.memory.push({ afterRequests: target, heapMiB: (await heap.usedBytes()) / 2 ** 20 });
    }
  } finally {
    await heap.detach();
  }

  // Cold start (b'): deploying a component this browser has never seen, from the page, until
  // its first response (fetch the 13 MiB, check, transpile in the worker, store, load, run).
  const deployStarted = Date.now();
  const deployed = await deployApp(hostPage, {
    manifest: probeManifest('bench-probe'),
    files: PROBE_FILES,
  });
  expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
  const firstProbe = await (
    await hostHandle(hostPage, 'bench-probe')
  ).evaluate((host) => host.fetch('/').then((r) => r.status));
  expect(firstProbe).toBe(200);
  report.coldStart.push({
    name: 'deploy a 13 MiB component, to its first response',
    ms: Date.now() - deployStarted,
    note: 'page deploy API: fetch the component, check it, transpile it in the worker, store it in IndexedDB, then the first request (load, compile, instance)',
  });

  // Cold start (a): the browser restarts with the host installed and the component cached. V8
  // writes a module's compiled code to its cache only once its optimizing tier has compiled
  // enough of it, so a first session of 3 requests and one of 300 (then a pause) differ.
  for (const warm of [false, true]) {
    const restart = await firstResponseAfterRestart(baseURL!, warm);
    report.coldStart.push({
      name: `first response after a browser restart, ${warm ? 'after 300 requests' : 'after 4 requests'}`,
      ms: restart.ms,
      note:
        "navigation to hello's origin in a relaunched browser with the host installed: worker start, catalog, component from the HTTP cache (compiled code from V8's cache if it was written), glue, instance. " +
        `The worker's own record of it: ${restart.inWorker}`,
    });
  }

  // What deadlines cost a guest that computes, on a blank page of its own.
  const blank = await context.newPage();
  report.deadlineCost.push(...(await deadlineCost(blank)));
  await blank.close();

  // Share links (issue 11): the hello template's link, opened in a fresh profile.
  const share = await measureShareLink(browser, baseURL!);
  report.sizes.push({
    name: 'the share link of the hello template (js:hello)',
    value: share.chars,
    unit: 'characters',
  });
  report.coldStart.push({
    name: 'open a share link in a fresh profile, to its first answer',
    ms: share.openMs,
    note: "new browser context: the viewer page, the app origin's host page and service worker, the runner fetched and transpiled, deploy, GET /",
  });
  // The same link through the line (issue 25), in a new browser behind it.
  const shareLine = await openShareLinkThroughLine(
    await makeShareLink(browser, baseURL!),
    PORT,
    REALISTIC_LINE,
  );
  report.coldStart.push({
    name: `open a share link in a fresh profile, to its first answer (${REALISTIC_LINE.name})`,
    ms: shareLine.ms,
    note: `new browser; ${(shareLine.bytes / 2 ** 20).toFixed(1)} MiB through the line; an HTTP proxy acting as the line (bench/throttled-line.ts)`,
  });

  // A first visit to the playground (issue 25): a fresh browser, to the starter's answer on screen.
  const firstLocal = await measureFirstVisit(baseURL!, PORT);
  const firstLine = await measureFirstVisit(baseURL!, PORT, REALISTIC_LINE);
  const firstNote = (visit: { clicks: number; bytes: number }) =>
    `fresh browser: the playground page, the starter project made and deployed from the site's published runner, the live loop's GET /; ${visit.clicks} click(s)` +
    (visit.bytes ? `; ${(visit.bytes / 2 ** 20).toFixed(1)} MiB through the line` : '');
  report.coldStart.push(
    {
      name: 'first visit to the playground, to its first answer (localhost)',
      ms: firstLocal.ms,
      note: firstNote(firstLocal),
    },
    {
      name: `first visit to the playground, to its first answer (${REALISTIC_LINE.name})`,
      ms: firstLine.ms,
      note: `${firstNote(firstLine)}; an HTTP proxy acting as the line (bench/throttled-line.ts)`,
    },
  );

  const helloBreakdown = report.breakdown.find((row) => row.name.startsWith('hello'));
  const ratioOf = (prefix: string) =>
    report.latency.find((row) => row.name.startsWith(prefix))?.ratio ?? Number.NaN;
  const restart = report.coldStart.find((row) => row.name.endsWith('after 300 requests'))?.ms ?? Number.NaN;
  report.targets.push(
    { name: 'hello median / baseline', measured: ratioOf('hello'), target: 1.5, unit: 'x' },
    { name: 'minimal median / baseline', measured: ratioOf('minimal'), target: 1.15, unit: 'x' },
    {
      name: 'instantiation of hello (median, host records)',
      measured: helloBreakdown?.instantiateMs ?? Number.NaN,
      target: 1.5,
      unit: 'ms',
    },
    { name: 'first response after a restart, component cached', measured: restart, target: 300, unit: 'ms' },
    {
      name: `first visit to the playground, to its first answer (${REALISTIC_LINE.name})`,
      measured: firstLine.ms,
      target: 3000,
      unit: 'ms',
    },
    {
      name: 'other requests while one guest loops, median / normal (pool)',
      measured: report.parallel.find((row) => row.name.endsWith('pool'))?.ratio ?? Number.NaN,
      target: 2,
      unit: 'x',
    },
    {
      name: 'deadline instrumentation, CPU-bound loop (hashing)',
      measured: report.deadlineCost.find((row) => row.name.startsWith('hashing'))?.ratio ?? Number.NaN,
      target: 1.1,
      unit: 'x',
    },
    {
      name: 'opening a share link in a fresh profile to its first answer',
      measured: share.openMs,
      target: 2000,
      unit: 'ms',
    },
    {
      name: `opening a share link in a fresh profile to its first answer (${REALISTIC_LINE.name})`,
      measured: shareLine.ms,
      target: 3000,
      unit: 'ms',
    },
  );

  console.log(`\n${formatReport(report)}\n`);
  await writeReport(report, RESULTS);
  for (const row of report.throughput) expect(row.errors, `${row.name} at ${row.inFlight} in flight`).toBe(0);
});

/**
 * Installs the host in a persistent profile, restarts the browser, and times the first app
 * navigation. `warm`: the first session serves 300 requests and pauses before closing, time for
 * V8 to tier the component up and write its compiled code to the cache.
 */
async function firstResponseAfterRestart(
  baseURL: string,
  warm: boolean,
): Promise<{ ms: number; inWorker: string }> {
  return withPersistentProfile(baseURL, async (launch) => {
    const first = await launch();
    const page = await firstPage(first);
    await page.goto(`${appOrigin('hello')}/`);
    await expect(page.locator('body')).toContainText('Hello from a WebAssembly component');
    await sequentialLatencies(page, { path: '/' }, warm ? 300 : 3);
    if (warm) await page.waitForTimeout(3000); // V8 writes its code cache on a timer after tier-up
    await first.close();

    const second = await launch();
    const again = await firstPage(second);
    await again.goto(`${appOrigin('hello')}/`);
    await expect(again.locator('body')).toContainText('Hello from a WebAssembly component');
    const ms = await again.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return navigation!.responseEnd - navigation!.startTime;
    });
    // Where the worker says that time went (the rest: the worker starting, the catalog, the registry).
    const site = await second.newPage();
    await site.goto('/');
    const [record] = await (await hostHandle(site, 'hello')).evaluate((host) => host.requests());
    await second.close();
    const t = record?.timings;
    const load = record?.load;
    const inWorker = t
      ? `${t.totalMs.toFixed(0)} ms in the host once the app was found (load ${t.loadMs.toFixed(0)}` +
        (load
          ? `: fetch ${load.fetchMs.toFixed(0)}, compile ${load.compileMs.toFixed(0)}, glue ${load.glueMs.toFixed(0)}`
          : '') +
        `; instance ${t.instantiateMs.toFixed(1)}; handler ${t.handleMs.toFixed(1)})`
      : 'no record';
    return { ms, inWorker };
  });
}
