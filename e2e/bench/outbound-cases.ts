/**
 * The benchmark's outbound and streaming cases (issue "Outbound HTTP ... streamed bodies"):
 * an outbound call's overhead over the page's own `fetch` of the same local URL, and a streamed
 * response's time to first byte against its total time.
 */
import type { Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appOrigin, hostHandle } from '../fixtures/app-hosts.ts';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { sequentialLatencies } from './page-load.ts';
import type { LatencyRow } from './report.ts';
import { summarize } from './stats.ts';

export interface StreamingRow {
  name: string;
  n: number;
  firstByteMs: number;
  totalMs: number;
}

/** A local server with CORS headers, answering a short text. */
async function startPeer(): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
    response.end('peer\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping`, server };
}

/** Times `count` streamed responses: when the first chunk arrived, and when the last did. */
function streamTimings(page: Page, path: string, count: number): Promise<{ first: number; total: number }[]> {
  return page.evaluate(
    async ({ path, count }) => {
      const runs: { first: number; total: number }[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        const reader = (await fetch(path)).body!.getReader();
        await reader.read();
        const first = performance.now() - started;
        while (!(await reader.read()).done);
        runs.push({ first, total: performance.now() - started });
      }
      return runs;
    },
    { path, count },
  );
}

export async function outboundCases(
  page: Page,
  n: number,
  warmup: number,
): Promise<{ latency: LatencyRow[]; streaming: StreamingRow[] }> {
  const peer = await startPeer();
  try {
    await serveTestFiles(page);
    const deployed = await deployApp(page, {
      manifest: `spin_manifest_version = 2
[application]
name = "bench-calls"
[[trigger.http]]
route = "/..."
component = "outbound"
[component.outbound]
source = "outbound.wasm"
allowed_outbound_hosts = ["${new URL(peer.url).origin}"]
`,
      files: { 'outbound.wasm': { built: 'fixtures/outbound/dist/outbound.wasm' } },
    });
    if (!deployed.ok) throw new Error(deployed.error);

    // The site's pages may connect only to their own origin (CSP): the page's own fetch is made
    // from a page of the peer's origin, the app's requests from a tab at the app's own origin.
    const peerPage = await page.context().newPage();
    await peerPage.goto(peer.url);
    await hostHandle(page, 'bench-calls');
    const appPage = await page.context().newPage();
    await appPage.goto(`${appOrigin('bench-calls')}/_swerve/host.html`);
    await appPage.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cases = [
      { name: "a page's own fetch of a local URL", path: peer.url, from: peerPage },
      { name: 'outbound fixture, no outbound call', path: '/hello', from: appPage },
      {
        name: 'outbound fixture, fetch of the same URL',
        path: `/call?url=${encodeURIComponent(peer.url)}`,
        from: appPage,
      },
    ];
    const latency: LatencyRow[] = [];
    for (const { name, path, from } of cases) {
      await sequentialLatencies(from, { path }, warmup);
      latency.push({ name, ...summarize(await sequentialLatencies(from, { path }, n)) });
    }
    await peerPage.close();
    const [own, without, withCall] = latency as [LatencyRow, LatencyRow, LatencyRow];
    const overhead = withCall.median - without.median - own.median;
    withCall.note = `the call adds ${(withCall.median - without.median).toFixed(2)} ms: ${overhead.toFixed(2)} ms more than a page's own fetch`;

    const runs = Math.max(10, Math.round(n / 25));
    const path = '/stream?events=5&gap=100';
    await streamTimings(appPage, path, 2);
    const timings = await streamTimings(appPage, path, runs);
    await appPage.close();
    const streaming: StreamingRow[] = [
      {
        name: 'server-sent events, 5 events 100 ms apart',
        n: runs,
        firstByteMs: summarize(timings.map((t) => t.first)).median,
        totalMs: summarize(timings.map((t) => t.total)).median,
      },
    ];
    return { latency, streaming };
  } finally {
    await new Promise((resolve) => peer.server.close(resolve));
  }
}
