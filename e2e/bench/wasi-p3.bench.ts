/**
 * `npm run bench -- wasi-p3`: what Spin 4's instance reuse is worth in the browser. The WASI 0.3
 * fixture (components/fixtures/http-p3, reused instances: 128 requests each, 16 at once) against
 * the WASI 0.2 `minimal` fixture (a fresh instance per request), both hand-written WAT of about
 * the same size, deployed from a page the same way and timed from a tab at their own origins;
 * and what Spin's key-value @3.0.0 adds to a WASI 0.3 request (components/fixtures/http-p3-spin:
 * open, get and set a counter, three async calls, each a subtask the guest waits for).
 * Prints a table and writes bench-results/wasi-p3.json.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { appTab } from '../fixtures/app-hosts.ts';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { hostRequest } from '../fixtures/host-request.ts';
import { expect, test } from '../fixtures/swerve.ts';
import { sequentialLatencies, throughput } from './page-load.ts';
import { machineDescription } from './report.ts';
import { summarize } from './stats.ts';

const N = Number(process.env.SWERVE_BENCH_N ?? 500);
const WARMUP = 50;
const RESULTS = resolve(import.meta.dirname, '../bench-results/wasi-p3.json');

const manifest = (name: string) => `spin_manifest_version = 2
[application]
name = "${name}"
[[trigger.http]]
route = "/..."
component = "api"
[component.api]
source = "api.wasm"
key_value_stores = ["default"]
`;

const APPS = [
  {
    key: 'bench-p3',
    label: 'WASI 0.3 fixture (reused instances)',
    built: 'fixtures/http-p3/dist/http-p3.wasm',
    path: '/',
  },
  {
    key: 'bench-p3-kv',
    label: 'WASI 0.3, Spin key-value @3.0.0 (open, get, set)',
    built: 'fixtures/http-p3-spin/dist/http-p3-spin.wasm',
    path: '/kv/incr',
  },
  {
    key: 'bench-p2',
    label: 'WASI 0.2 minimal (fresh instance each)',
    built: 'fixtures/minimal/dist/minimal.wasm',
    path: '/',
  },
];

const median = (values: number[]) => summarize(values).median;

test('WASI 0.3 instance reuse', async ({ hostPage, browser }) => {
  await serveTestFiles(hostPage);
  const rows = [];
  for (const { key, label, built, path } of APPS) {
    const deployed = await deployApp(hostPage, {
      key,
      manifest: manifest(key),
      files: { 'api.wasm': { built } },
    });
    expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
    const tab = await appTab(hostPage, key);
    await sequentialLatencies(tab, { path }, WARMUP);
    const { records: before } = await hostRequest(hostPage, key, 'metrics', {});
    const latency = summarize(await sequentialLatencies(tab, { path }, N));
    const { records } = await hostRequest(hostPage, key, 'metrics', { sinceId: before.at(-1)?.id ?? 0 });
    const inFlight16 = await throughput(tab, { path }, 16, Math.max(N, 200));
    rows.push({
      name: label,
      medianMs: latency.median,
      p90Ms: latency.p90,
      instantiateMs: median(records.map((r) => r.timings.instantiateMs)),
      handleMs: median(records.map((r) => r.timings.handleMs)),
      workerTotalMs: median(records.map((r) => r.timings.totalMs)),
      requestsPerSecond16InFlight: inFlight16.requestsPerSecond,
      errors: inFlight16.errors,
    });
    await tab.close();
  }
  const report = { machine: machineDescription(), browser: `Chromium ${browser.version()}`, n: N, rows };
  console.log(`\nWASI 0.3 instance reuse, ${report.machine}, ${report.browser}, n=${N}`);
  console.table(rows);
  await mkdir(dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
});
