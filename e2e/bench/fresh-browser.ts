/**
 * A fresh profile for the bench's first-answer rows: a new browser (no storage, no service
 * worker, an empty HTTP cache and code cache), optionally behind an emulated line
 * (throttled-line.ts), with the line's waterfall kept for the report.
 */
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium-path.js';
import { startLineProxy, type Line, type LineEntry, type LineProxy } from './throttled-line.ts';

/** What one first answer cost: its time, the bytes through the line, and the line's waterfall. */
export interface FirstAnswer {
  ms: number;
  /** Bytes through the line (response bodies as sent), or 0 without a line. */
  bytes: number;
  /** Responses through the line, times from the navigation (empty without a line). */
  waterfall: WaterfallRow[];
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
