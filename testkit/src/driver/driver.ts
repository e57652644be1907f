/**
 * The kit's driver page script, at the kit's site origin (`http://kit.localhost:<port>`): it
 * reaches the app's own origin through the host's page-side client (`connectHost`, which frames
 * that origin's host page, docs/decisions/0007) and carries out what the fixtures ask, one app
 * per page. Node drives it through `page.evaluate` on `globalThis.swerveKit`.
 */
import { connectHost, messageOf, type HostConnection } from '../../../sw-host/src/client/index.ts';
import type { DriverLogLine, DriverRequestRecord, DriverResponse, KitDriver } from '../driver-api.ts';
import { fromBase64, toBase64 } from './base64.ts';
import type { SqlitePlainValue } from '../../../sw-host/src/client/index.ts';
import type { DriverSqliteValue } from '../driver-api.ts';

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
async function failureOf(method: string, path: string, status: number): Promise<DriverResponse['failure']> {
  const records = await connected().requests();
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

const driver: KitDriver = {
  async start(origin, deploy) {
    const started = performance.now();
    try {
      host = await connectHost({ origin });
    } catch (error) {
      return { ok: false, stage: 'connect', ...errorFields(error) };
    }
    const connectMs = performance.now() - started;
    try {
      const keyValues = Object.fromEntries(
        Object.entries(deploy.keyValues).map(([label, entries]) => [
          label,
          Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, fromBase64(value)])),
        ]),
      );
      const result = await host.deploy({
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
      return {
        ok: true,
        name: appName,
        warnings: result.warnings,
        mode: host.mode,
        timings: { connectMs, deployMs: performance.now() - started - connectMs },
      };
    } catch (error) {
      return { ok: false, stage: 'deploy', ...errorFields(error) };
    }
  },

  async fetch(url, request) {
    const { method } = request;
    const response = await connected().fetch(url, {
      method,
      headers: request.headers,
      body: request.bodyBase64 === undefined ? undefined : (fromBase64(request.bodyBase64) as BodyInit),
    });
    const body = new Uint8Array(await response.arrayBuffer());
    const pathInApp = new URL(url, host!.origin);
    return {
      status: response.status,
      statusText: response.statusText,
      headers: headerList(response.headers),
      bodyBase64: toBase64(body),
      failure:
        response.status >= 500
          ? await failureOf(method, `${pathInApp.pathname}${pathInApp.search}`, response.status)
          : undefined,
    };
  },

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
    return (await connected().logs()).map(({ source, level, message, component, at }): DriverLogLine => ({
      source,
      level,
      message,
      component,
      at,
    }));
  },
  async requests() {
    return (await connected().requests()).map(
      ({ method, path, status, component, error, at, timings }): DriverRequestRecord => ({
        method,
        path,
        status,
        component,
        error,
        at,
        timings,
      }),
    );
  },
};

(globalThis as unknown as { swerveKit: KitDriver }).swerveKit = driver;
document.body.dataset['kit'] = 'ready';
