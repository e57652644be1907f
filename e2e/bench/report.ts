/**
 * The benchmark's output: a table on stdout and a JSON file, both with ratios to the baseline
 * measured in the same run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cpus, totalmem } from 'node:os';
import type { Summary } from './stats.ts';

export interface LatencyRow extends Summary {
  name: string;
  /** median / baseline median, when a baseline applies. */
  ratio?: number;
  note?: string;
}

export interface BenchReport {
  machine: string;
  browser: string;
  date: string;
  latency: LatencyRow[];
  throughput: {
    name: string;
    inFlight: number;
    requestsPerSecond: number;
    errors: number;
    total: number;
    /** requests/s / the in-thread row's, for the pool's rows. */
    ratio?: number;
    note?: string;
  }[];
  /** Other requests' median latency while one guest loops until its deadline, against none looping (ms). */
  parallel: { name: string; normalMs: number; whileLoopingMs: number; ratio: number; note: string }[];
  coldStart: { name: string; ms: number; note: string }[];
  /** Per case, the host's own median timings of the same requests (ms). */
  breakdown: { name: string; instantiateMs: number; handleMs: number; workerTotalMs: number }[];
  /** What loading a component costs, once per component version (ms). */
  loadOnce: { name: string; ms: number }[];
  memory: { afterRequests: number; heapMiB: number }[];
  /** Issue 9's targets, each with this run's measure: met when at most the target. */
  targets: { name: string; measured: number; target: number; unit: 'x' | 'ms' }[];
  /** Outbound calls against the page's own fetch of the same URL (ms). */
  outbound: LatencyRow[];
  /** Streamed responses: median time to the first chunk and to the end (ms). */
  streaming: { name: string; n: number; firstByteMs: number; totalMs: number }[];
  /** The deadline instrumentation's cost on guests that compute (deadline-cost.ts). */
  deadlineCost: { name: string; plainMs: number; instrumentedMs: number; ratio: number }[];
  /** Sizes the issues ask to report (a share link's length). */
  sizes: { name: string; value: number; unit: string }[];
  notMeasured: string[];
}

export function machineDescription(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

const ms = (value: number) => value.toFixed(2);

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(cells[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

export function formatReport(report: BenchReport): string {
  return [
    `Swerve benchmark, ${report.date}`,
    `Machine: ${report.machine}; browser: ${report.browser}`,
    '',
    'Per-request latency (sequential, ms)',
    table(
      ['case', 'n', 'median', 'p90', 'p99', 'ratio to baseline', 'note'],
      report.latency.map((row) => [
        row.name,
        row.n,
        ms(row.median),
        ms(row.p90),
        ms(row.p99),
        row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}x`,
        row.note ?? '',
      ]),
    ),
    '',
    'Throughput',
    table(
      ['case', 'in flight', 'requests/s', 'errors', 'ratio to in-thread', 'note'],
      report.throughput.map((row) => [
        row.name,
        row.inFlight,
        row.requestsPerSecond.toFixed(0),
        `${row.errors}/${row.total}`,
        row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}x`,
        row.note ?? '',
      ]),
    ),
    '',
    'Other requests while one guest loops until its deadline (median ms)',
    table(
      ['case', 'nothing looping', 'while one loops', 'ratio', 'note'],
      report.parallel.map((row) => [
        row.name,
        ms(row.normalMs),
        ms(row.whileLoopingMs),
        `${row.ratio.toFixed(2)}x`,
        row.note,
      ]),
    ),
    '',
    'Cold start',
    table(
      ['case', 'ms', 'what it includes'],
      report.coldStart.map((row) => [row.name, row.ms.toFixed(0), row.note]),
    ),
    '',
    "Breakdown (the host's own timings of the same requests, median ms; the rest of the latency is the page-worker hop)",
    table(
      ['case', 'instantiate', 'handle', 'total in the worker'],
      report.breakdown.map((row) => [
        row.name,
        ms(row.instantiateMs),
        ms(row.handleMs),
        ms(row.workerTotalMs),
      ]),
    ),
    '',
    'Loading a component (once per version)',
    table(
      ['step', 'ms'],
      report.loadOnce.map((row) => [row.name, ms(row.ms)]),
    ),
    '',
    'Outbound HTTP (sequential, ms)',
    table(
      ['case', 'n', 'median', 'p90', 'p99', 'note'],
      report.outbound.map((row) => [
        row.name,
        row.n,
        ms(row.median),
        ms(row.p90),
        ms(row.p99),
        row.note ?? '',
      ]),
    ),
    '',
    'Streamed responses (median ms)',
    table(
      ['case', 'n', 'first byte', 'total'],
      report.streaming.map((row) => [row.name, row.n, ms(row.firstByteMs), ms(row.totalMs)]),
    ),
    '',
    'Service worker JS heap (after a forced GC)',
    table(
      ['after requests', 'MiB'],
      report.memory.map((row) => [row.afterRequests, row.heapMiB.toFixed(2)]),
    ),
    '',
    'Deadline instrumentation on guests that compute (median ms, same modules with and without it)',
    table(
      ['case', 'as written', 'instrumented', 'ratio'],
      report.deadlineCost.map((row) => [
        row.name,
        ms(row.plainMs),
        ms(row.instrumentedMs),
        `${row.ratio.toFixed(2)}x`,
      ]),
    ),
    '',
    'Sizes',
    table(
      ['what', 'size'],
      report.sizes.map((row) => [row.name, `${row.value.toLocaleString('en')} ${row.unit}`]),
    ),
    '',
    "Issue 9's targets (met when the measure is at most the target)",
    table(
      ['target', 'measured', 'target', 'met'],
      report.targets.map((row) => [
        row.name,
        `${row.unit === 'x' ? row.measured.toFixed(2) : ms(row.measured)} ${row.unit}`,
        `<= ${row.target} ${row.unit}`,
        row.measured <= row.target ? 'yes' : 'no',
      ]),
    ),
    ...(report.notMeasured.length
      ? ['', 'Not measured yet:', ...report.notMeasured.map((item) => `- ${item}`)]
      : []),
  ].join('\n');
}

export async function writeReport(report: BenchReport, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(report, null, 2) + '\n');
}
