/**
 * The `app` fixture's object: every call goes to the driver page, which carries it out through
 * the host at the app's origin. Bytes cross as base64 (driver-api.ts).
 */
import type { Page, Request } from '@playwright/test';
import { appResponse } from './app-response.ts';
import type { KitDriver } from './driver-api.ts';
import { encodeRequest } from './request-options.ts';
import type { DriverSqliteValue } from './driver-api.ts';
import type {
  AppFetchOptions,
  AppKv,
  AppOutboundRequest,
  AppResponse,
  AppSqlite,
  AppSqliteValue,
  SwerveApp,
} from './types.ts';

type Calls = { [K in keyof KitDriver]: KitDriver[K] extends (...args: infer A) => infer R ? [A, R] : never };

/** Calls `swerveKit[name](...args)` in the driver page. */
export function callDriver<K extends keyof KitDriver>(
  driver: Page,
  name: K,
  ...args: Calls[K][0]
): Promise<Awaited<Calls[K][1]>> {
  return driver.evaluate(
    ([name, args]) => {
      const kit = (globalThis as unknown as { swerveKit: Record<string, (...a: unknown[]) => unknown> })
        .swerveKit;
      return kit[name]!(...args);
    },
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<Calls[K][1]>>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function base64Of(value: string | Uint8Array): string {
  return Buffer.from(typeof value === 'string' ? encoder.encode(value) : value).toString('base64');
}

/** What a key-value value is stored as: strings as UTF-8, bytes as they are, the rest as JSON. */
export function storedBytes(value: unknown): string {
  if (typeof value === 'string' || value instanceof Uint8Array) return base64Of(value);
  return base64Of(JSON.stringify(value));
}

/**
 * Waits for `answer` at most `timeout` ms (Playwright's `timeout` option; 0 or absent: no limit
 * here, the handler's own deadline still applies).
 */
export async function withinTimeout<R>(
  answer: Promise<R>,
  timeout: number | undefined,
  what: string,
): Promise<R> {
  if (timeout === undefined || timeout === 0) return answer;
  if (!Number.isFinite(timeout) || timeout < 0) {
    throw new Error(
      `[swerve] ${what}: timeout must be a number of milliseconds, 0 or more (0: no limit); got ${timeout}.`,
    );
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `[swerve] ${what} got no answer within its timeout of ${timeout} ms (the timeout option of app.fetch). ` +
              "Raise it, or pass 0 for no limit but the handler's deadline.",
          ),
        ),
      timeout,
    );
  });
  try {
    return await Promise.race([answer, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export interface AppHandleOptions {
  driver: Page;
  page: Page;
  origin: string;
  name: string;
  /** The deploy's deadline, for messages. */
  requestTimeoutMs: number;
  hostMode: SwerveApp['hostMode'];
  /** The requests the guests have sent out in this test, as Playwright saw them. */
  outbound: () => readonly Request[];
}

/** One outbound request, once it has its answer (or failed). */
async function outboundRecord(request: Request): Promise<AppOutboundRequest> {
  const response = await request.response();
  const failure = request.failure()?.errorText;
  return {
    method: request.method(),
    url: request.url(),
    headers: request.headers(),
    bodySize: request.postDataBuffer()?.length ?? 0,
    status: response?.status(),
    ...(failure === undefined ? {} : { failure }),
  };
}

export function appHandle({
  driver,
  page,
  origin,
  name,
  requestTimeoutMs,
  hostMode,
  outbound,
}: AppHandleOptions): SwerveApp {
  const kv = (label = 'default'): AppKv => ({
    keys: () => callDriver(driver, 'kvKeys', label),
    async get(key) {
      const value = await callDriver(driver, 'kvGet', label, key);
      return value === null ? undefined : new Uint8Array(Buffer.from(value, 'base64'));
    },
    async getText(key) {
      const value = await this.get(key);
      return value === undefined ? undefined : decoder.decode(value);
    },
    async getJson<T>(key: string) {
      const text = await this.getText(key);
      return text === undefined ? undefined : (JSON.parse(text) as T);
    },
    set: (key, value) => callDriver(driver, 'kvSet', label, key, storedBytes(value)),
    delete: (key) => callDriver(driver, 'kvDelete', label, key),
  });

  const sqlite = (label = 'default'): AppSqlite => ({
    async execute(statement, parameters = []) {
      const result = await callDriver(driver, 'sqlite', label, statement, parameters.map(toDriverSqlite));
      return {
        columns: result.columns,
        rows: result.rows.map((row) =>
          Object.fromEntries(result.columns.map((column, i) => [column, fromDriverSqlite(row[i] ?? null)])),
        ),
        changes: BigInt(result.changes),
        lastInsertRowid: BigInt(result.lastInsertRowid),
      };
    },
  });

  return {
    origin,
    name,
    page,
    url: (path) => new URL(path, origin).href,
    async fetch<T = unknown>(path: string, options: AppFetchOptions = {}): Promise<AppResponse<T>> {
      const request = await encodeRequest(origin, path, options);
      const sent = callDriver(driver, 'fetch', request.url, {
        method: request.method,
        headers: request.headers,
        bodyBase64: request.body === undefined ? undefined : base64Of(request.body),
      });
      const reply = await withinTimeout(sent, options.timeout, `${request.method} ${path}`);
      if (reply.status === 504 && reply.failure) {
        throw new Error(
          `[swerve] ${request.method} ${path} did not finish: the handler was still running at its deadline of ` +
            `${requestTimeoutMs} ms, so the host stopped it and answered 504.\n` +
            `Host log: ${reply.failure.log ?? reply.failure.error}\n` +
            'If the handler is only slow, raise it: test.use({ requestTimeout: <ms> }).',
        );
      }
      if (options.failOnStatusCode && (reply.status < 200 || reply.status > 399)) {
        throw new Error(
          `[swerve] ${request.method} ${path} answered ${reply.status} ${reply.statusText} (failOnStatusCode is set).` +
            (reply.failure ? `\nHost: ${reply.failure.error}` : ''),
        );
      }
      return appResponse<T>({
        url: request.url,
        status: reply.status,
        statusText: reply.statusText,
        headers: reply.headers,
        body: new Uint8Array(Buffer.from(reply.bodyBase64, 'base64')),
        error: reply.failure?.error,
      });
    },
    kv,
    sqlite,
    logs: () => callDriver(driver, 'logs'),
    requests: () => callDriver(driver, 'requests'),
    outbound: () => Promise.all(outbound().map(outboundRecord)),
    stopServiceWorker: () => stopServiceWorker(driver, hostMode),
    hostMode,
  };
}

/**
 * Stops the service workers of the driver page's context through the DevTools protocol, as the
 * browser stops idle ones. The context is the app's own (one per app and worker), so that is the
 * app's service worker; the kit's site origin registers none.
 */
async function stopServiceWorker(driver: Page, hostMode: SwerveApp['hostMode']): Promise<void> {
  if (hostMode !== 'service-worker') {
    throw new Error(
      '[swerve] app.stopServiceWorker(): the host runs in worker mode (the context allows no service ' +
        "worker: serviceWorkers is 'block'), so there is none to stop.",
    );
  }
  const session = await driver.context().newCDPSession(driver);
  try {
    await session.send('ServiceWorker.enable');
    await session.send('ServiceWorker.stopAllWorkers');
  } finally {
    await session.detach();
  }
}

function toDriverSqlite(value: AppSqliteValue): DriverSqliteValue {
  if (value === null) return null;
  if (typeof value === 'bigint') return { integer: String(value) };
  if (typeof value === 'number') return { real: value };
  if (typeof value === 'string') return { text: value };
  if (value instanceof Uint8Array) return { blob: base64Of(value) };
  throw new TypeError(
    `[swerve] A SQLite parameter must be a bigint, number, string, Uint8Array or null; got ${typeof value}.`,
  );
}

function fromDriverSqlite(value: DriverSqliteValue): AppSqliteValue {
  if (value === null) return null;
  if ('integer' in value) return BigInt(value.integer);
  if ('real' in value) return value.real;
  if ('text' in value) return value.text;
  return new Uint8Array(Buffer.from(value.blob, 'base64'));
}
