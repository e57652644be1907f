/**
 * What a test must not inherit from the one before it in the same worker, and how the driver
 * takes it away over the host protocol (docs/decisions/0025). A redeploy under the same name
 * already gives fresh instances (WASI 0.3 pools belong to one deployed app) with the new
 * variables; the stores are cleared here first, and the journals, which the host keeps for its
 * origin, are read from a mark taken before the deploy.
 */
import type { HostConnection } from 'swerve/client';

/**
 * Each kind of store an app has, cleared before the next test. Key-value stores are cleared by
 * label; a new kind (SQLite databases, when the host has them) adds its clearing here, and every
 * test then starts with it empty.
 */
const STORE_RESETS: ((host: HostConnection, app: string, kvLabels: readonly string[]) => Promise<void>)[] = [
  async (host, app, kvLabels) => {
    for (const label of kvLabels) await host.kv(app, label).clear();
  },
];

/** Empties every store of `app` (its key-value stores are `kvLabels`). */
export async function resetApp(
  host: HostConnection,
  app: string,
  kvLabels: readonly string[],
): Promise<void> {
  for (const reset of STORE_RESETS) await reset(host, app, kvLabels);
}

/** Where the current test's log lines and request records begin. */
export interface JournalMark {
  /** The newest id each journal had before the test. */
  logId: number;
  requestId: number;
  /** When the mark was taken (ms since the epoch, as the records' `at`). */
  at: number;
}

const newest = (records: readonly { id: number }[], fallback: number) =>
  records.reduce((max, record) => Math.max(max, record.id), fallback);

/** The journals' newest ids now (the host keeps up to 1 000 records of each). */
export async function journalMark(host: HostConnection): Promise<JournalMark> {
  const [logs, requests] = await Promise.all([host.logs(), host.requests()]);
  return { logId: newest(logs, 0), requestId: newest(requests, 0), at: Date.now() };
}

/**
 * The records of the current test. A service worker the browser stopped and started again counts
 * its ids from 1 and has forgotten the older records: those that came after the mark in time are
 * the test's too.
 */
export function sinceMark<T extends { id: number; at: number }>(
  records: readonly T[],
  markId: number,
  markAt: number,
): T[] {
  const restarted = records.length > 0 && newest(records, 0) < markId;
  return records.filter((record) => record.id > markId || (restarted && record.at >= markAt));
}
