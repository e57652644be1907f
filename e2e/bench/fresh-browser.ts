/**
 * A fresh profile for the bench's first-answer rows: a new browser (no storage, no service
 * worker, an empty HTTP cache and code cache), optionally behind an emulated line
 * (throttled-line.ts), with the line's waterfall kept for the report.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { hostHandle } from '../fixtures/app-hosts.ts';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium-path.js';
import { startLineProxy, type Line, type LineEntry, type LineProxy } from './throttled-line.ts';

/** What one first answer cost: its time, the bytes through the line, and the line's waterfall. */
export interface FirstAnswer {
  ms: number;
  /** Bytes through the line (response bodies as sent), or 0 without a line. */
  bytes: number;
  /** Responses through the line, times from the navigation (empty without a line). */
  waterfall: WaterfallRow[];
  /** Where the app's host says the first request's time went, from its record. */
  host: string;
}

export interface WaterfallRow {
  url: string;
  fromMs: number;
  toMs: number;
  bytes: number;
  encoding: string;
}

/** Runs `visit` in a new browser behind `line` (served at 127.0.0.1:`port`), or on loopback without one. */
export async function inFreshBrowser<T>(
  port: number,
  line: Line | undefined,
  visit: (browser: Browser, proxy: LineProxy | undefined) => Promise<T>,
): Promise<T> {
  const proxy = line ? await startLineProxy(line, port) : undefined;
  const browser = await chromium.launch({
    executablePath: findChromium()?.executablePath,
    args: [
      ...CHROMIUM_ARGS,
      ...(proxy ? [`--proxy-server=${proxy.address}`, '--proxy-bypass-list=<-loopback>'] : []),
    ],
  });
  try {
    return await visit(browser, proxy);
  } finally {
    await browser.close();
    await proxy?.close();
  }
}

/** The line's responses, timed from `startedAt` (the navigation). */
export function waterfallOf(entries: readonly LineEntry[] | undefined, startedAt: number): WaterfallRow[] {
  return (entries ?? [])
    .map(({ url, askedAt, doneAt, bytes, encoding }) => ({
      url: new URL(url, 'http://line').pathname,
      fromMs: askedAt - startedAt,
      toMs: doneAt - startedAt,
      bytes,
      encoding,
    }))
    .sort((a, b) => a.fromMs - b.fromMs);
}

/** The waterfall as text, one response a line: from–to ms, size, encoding, path. */
export function formatWaterfall(rows: readonly WaterfallRow[]): string {
  return rows
    .map(
      (row) =>
        `${String(row.fromMs).padStart(6)}–${String(row.toMs).padEnd(6)} ms ` +
        `${(row.bytes / 1024).toFixed(0).padStart(6)} KiB ${row.encoding.padEnd(3)} ${row.url}`,
    )
    .join('\n');
}

/**
 * The host's record of the first request to the app whose host page `page` frames, as one line:
 * when it reached the host (from `startedAt`, the navigation) and where its time went there.
 */
export async function hostBreakdown(page: Page, siteUrl: string, startedAt: number): Promise<string> {
  const frame = page.frames().find((candidate) => candidate.url().includes('/_swerve/host.html'));
  if (!frame) return 'no host frame';
  const key = new URL(frame.url()).hostname.split('.')[0]!;
  const site = await page.context().newPage();
  await site.goto(siteUrl);
  const records = await (await hostHandle(site, key)).evaluate((host) => host.requests());
  await site.close();
  const first = records.find((record) => record.load) ?? records[0];
  if (!first) return 'no request recorded';
  const { loadMs, instantiateMs, handleMs, totalMs } = first.timings;
  const load = first.load;
  return (
    `the request reached the host at ${first.at - startedAt} ms; ${totalMs.toFixed(0)} ms there: ` +
    `load ${loadMs.toFixed(0)}` +
    (load ? ` (fetch + compile ${load.fetchMs.toFixed(0)}, glue ${load.glueMs.toFixed(0)})` : '') +
    `, instantiate ${instantiateMs.toFixed(0)}, handler ${handleMs.toFixed(0)}`
  );
}
