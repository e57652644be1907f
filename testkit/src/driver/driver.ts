/**
 * The kit's driver page script, at the kit's site origin (`http://kit.localhost:<port>`): it
 * reaches the app's own origin through the host's page-side client (`connectHost`, which frames
 * that origin's host page, docs/decisions/0007) and carries out what the fixtures ask, one app
 * origin per page. Node drives it through `page.evaluate` on `globalThis.swerveKit`.
 *
 * The page lives as long as its Playwright worker's context (docs/decisions/0025): the first test
 * connects and deploys; every later one resets the app (app-reset.ts) and deploys it again, so it
 * meets empty stores, its own seeds and variables, fresh instances, and only its own log lines and
 * request records, without paying for a new origin.
 */
import { connectHost, messageOf, type HostConnection, type SqlitePlainValue } from 'swerve/client';
import {
  INLINE_BODY_BYTES,
  type DriverFailure,
  type DriverLogLine,
  type DriverRequest,
  type DriverRequestRecord,
  type DriverResponse,
  type DriverSqliteValue,
  type KitDriver,
} from '../driver-api.ts';
import { journalMark, resetApp, sinceMark, type JournalMark } from './app-reset.ts';
import { fromBase64, toBase64 } from './base64.ts';

function fromDriverValue(value: DriverSqliteValue): SqlitePlainValue {
  if (value === null) return null;
  if ('integer' in value) return BigInt(value.integer);
  if ('real' in value) return value.real;
  if ('text' in value) return value.text;
  return fromBase64(value.blob);
}

function toDriverValue(value: SqlitePlainValue): DriverSqliteValue {
  if (value === null) return null;
  if (typeof value === 'bigint') return { integer: String(value) };
  if (typeof value === 'number') return { real: value };
  if (typeof value === 'string') return { text: value };
  return { blob: toBase64(value) };
}

let host: HostConnection | undefined;
let appName = '';
/** What the app's stores are (default, and the labels the last deploy defined), for the next reset. */
let storeLabels: string[] = [];
/** The current test's first log line and request record: the journals' ids, and the time. */
let since: JournalMark = { logId: 0, requestId: 0, at: 0 };

function connected(): HostConnection {
  if (!host) throw new Error('[swerve] The kit driver has no app yet: start() was not called.');
  return host;
}

function errorFields(error: unknown): { code?: string; message: string } {
  const code = (error as { code?: unknown }).code;
  return {
    code: typeof code === 'string' ? code : undefined,
    message: messageOf(error),
  };
}

/** The host's record of a failed request, matched by method, path and status, and its log line. */
async function failureOf(method: string, path: string, status: number): Promise<DriverFailure | undefined> {
  const records = sinceMark(await connected().requests(), since.requestId, since.at);
  const record = records.findLast(
    (candidate) => candidate.method === method && candidate.path === path && candidate.status === status,
  );
  if (!record?.error) return undefined;
  const logs = await connected().logs();
  const log = logs.findLast((line) => line.requestId === record.id && line.source === 'host');
  return { error: record.error, log: log?.message };
}

/** One entry per value: iterating `Headers` joins repeated names, except cookies kept apart here. */
function headerList(headers: Headers): DriverResponse['headers'] {
  return [...headers].flatMap(([name, value]) =>
    name === 'set-cookie'
      ? headers.getSetCookie().map((cookie) => ({ name, value: cookie }))
      : [{ name, value }],
  );
}

/** A large request body, which the kit's server holds at this page's origin too. */
async function heldBody(path: string): Promise<Uint8Array> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`[swerve] The kit's server no longer holds the request body at ${path}.`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Sends one request to the app through the host connection, and reads its answer whole. */
async function send(url: string, request: DriverRequest): Promise<DriverResponse> {
  const { body } = request;
  const response = await connected().fetch(url, {
    method: request.method,
    headers: request.headers,
    body: (body && 'heldAt' in body ? await heldBody(body.heldAt) : body) as BodyInit | undefined,
  });
  const answer = new Uint8Array(await response.arrayBuffer());
  // A large answer goes to the kit's server as it is, not through Playwright (driver-api.ts).
  const large = answer.length > INLINE_BODY_BYTES;
  if (large) await fetch(request.answerTo, { method: 'POST', body: answer });
  return {
    url,
    status: response.status,
    statusText: response.statusText,
    headers: headerList(response.headers),
    body: large ? { sentTo: request.answerTo } : answer,
  };
}

const driver: KitDriver = {
  async start(origin, deploy) {
    const started = performance.now();
    const reused = host?.origin === origin;
    if (!reused) {
      try {
        host?.close();
        host = await connectHost({ origin });
        appName = '';
      } catch (error) {
        host = undefined;
        return { ok: false, stage: 'connect', ...errorFields(error) };
      }
    }
    const connectMs = performance.now() - started;
    try {
      // The previous test's app: its state goes (the fixture waited for its requests: app-fetch.ts).
      if (appName) await resetApp(host!, appName, storeLabels);
      since = await journalMark(host!);
      const resetMs = performance.now() - started - connectMs;
      const keyValues = Object.fromEntries(
        Object.entries(deploy.keyValues).map(([label, entries]) => [
          label,
          Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, fromBase64(value)])),
        ]),
      );
      const result = await host!.deploy({
        manifest: new URL(deploy.manifestUrl, location.origin),
        manifestFile: deploy.manifestFile,
        files: Object.fromEntries(
          Object.entries(deploy.files).map(([key, url]) => [key, new URL(url, location.origin)]),
        ),
        variables: deploy.variables,
        keyValueStores: Object.keys(deploy.keyValues).filter((label) => label !== 'default'),
        keyValues,
        requestTimeoutMs: deploy.requestTimeoutMs,
        ...(deploy.prepared ? { prepared: deploy.prepared } : {}),
      });
      appName = result.app.name;
      storeLabels = ['default', ...Object.keys(deploy.keyValues).filter((label) => label !== 'default')];
      return {
        ok: true,
        name: appName,
        warnings: result.warnings,
        mode: host!.mode,
        reused,
        timings: { connectMs, resetMs, deployMs: performance.now() - started - connectMs - resetMs },
      };
    } catch (error) {
      return { ok: false, stage: 'deploy', ...errorFields(error) };
    }
  },

  fetch: send,
  failure: failureOf,

  kvKeys: (label) => connected().kv(appName, label).keys(),
  async kvGet(label, key) {
    const value = await connected().kv(appName, label).get(key);
    return value === undefined ? null : toBase64(value);
  },
  kvSet: (label, key, base64) => connected().kv(appName, label).set(key, fromBase64(base64)),
  kvDelete: (label, key) => connected().kv(appName, label).delete(key),
  async sqlite(label, statement, parameters) {
    const result = await connected()
      .sqlite(appName, label)
      .execute(statement, parameters.map(fromDriverValue));
    return {
      columns: result.columns,
      rows: result.rows.map((row) => row.map(toDriverValue)),
      changes: String(result.changes),
      lastInsertRowid: String(result.lastInsertRowid),
    };
  },

  async logs() {
    const lines = sinceMark(await connected().logs(), since.logId, since.at);
    return lines.map(({ source, level, message, component, at }): DriverLogLine => ({
      source,
      level,
      message,
      component,
      at,
    }));
  },
  async requests() {
    const records = sinceMark(await connected().requests(), since.requestId, since.at);
    return records.map(
      ({ method, path, status, component, error, at, timings, outbound }): DriverRequestRecord => ({
        method,
        path,
        status,
        component,
        error,
        at,
        timings,
        ...(outbound ? { outbound } : {}),
      }),
    );
  },
};

(globalThis as unknown as { swerveKit: KitDriver }).swerveKit = driver;
document.body.dataset['kit'] = 'ready';
