/**
 * The `app` fixture's object. Requests go to the app from a page at its origin (app-fetch.ts);
 * everything else goes to the driver page, which carries it out through the host at the app's
 * origin (stores' bytes cross as base64: driver-api.ts).
 */
import type { Page, Request } from '@playwright/test';
import { sendToApp, type BodyExchange } from './app-fetch.ts';
import { appResponse } from './app-response.ts';
import { callDriver } from './driver-call.ts';
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

export { callDriver };

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
  /** Where bodies too large for Playwright's `evaluate` cross (app-fetch.ts). */
  bodies: BodyExchange;
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
  bodies,
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
      const what = `${request.method} ${path}`;
      const sent = sendToApp(driver, origin, hostMode, request, bodies).catch((error: unknown) => {
        throw new Error(`[swerve] ${what} got no answer: ${(error as Error).message}`, { cause: error });
      });
      const reply = await withinTimeout(sent, options.timeout, what);
      const failure =
        reply.status >= 500
          ? await callDriver(driver, 'failure', request.method, pathOf(reply.url), reply.status)
          : undefined;
      if (reply.status === 504 && failure) {
        throw new Error(
          `[swerve] ${what} did not finish: the handler was still running at its deadline of ` +
            `${requestTimeoutMs} ms, so the host stopped it and answered 504.\n` +
            `Host log: ${failure.log ?? failure.error}\n` +
            'If the handler is only slow, raise it: test.use({ requestTimeout: <ms> }).',
        );
      }
      if (options.failOnStatusCode && (reply.status < 200 || reply.status > 399)) {
        throw new Error(
          `[swerve] ${what} answered ${reply.status} ${reply.statusText} (failOnStatusCode is set).` +
            (failure ? `\nHost: ${failure.error}` : ''),
        );
      }
      return appResponse<T>({
        url: reply.url,
        status: reply.status,
        statusText: reply.statusText,
        headers: reply.headers,
        body: reply.body,
        error: failure?.error,
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

/** The path and query the host records a request under (the kit mounts its apps at the root). */
function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
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
