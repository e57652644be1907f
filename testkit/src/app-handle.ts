/**
 * The `app` fixture's object: every call goes to the driver page, which carries it out through
 * the host at the app's origin. Bytes cross as base64 (driver-api.ts).
 */
import type { Page } from '@playwright/test';
import type { DriverResponse, KitDriver } from './driver-api.ts';
import type { AppKv, AppRequestInit, AppResponse, SwerveApp } from './types.ts';

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

function appResponse(reply: DriverResponse): AppResponse {
  const bytes = new Uint8Array(Buffer.from(reply.bodyBase64, 'base64'));
  return {
    status: reply.status,
    statusText: reply.statusText,
    ok: reply.status >= 200 && reply.status < 300,
    headers: reply.headers,
    text: async () => decoder.decode(bytes),
    json: async <T>() => JSON.parse(decoder.decode(bytes)) as T,
    bytes: async () => bytes,
    error: reply.failure?.error,
  };
}

export interface AppHandleOptions {
  driver: Page;
  page: Page;
  origin: string;
  name: string;
  /** The deploy's deadline, for messages. */
  requestTimeoutMs: number;
}

export function appHandle({ driver, page, origin, name, requestTimeoutMs }: AppHandleOptions): SwerveApp {
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

  return {
    origin,
    name,
    page,
    url: (path) => new URL(path, origin).href,
    async fetch(path: string, init: AppRequestInit = {}) {
      const reply = await callDriver(driver, 'fetch', path, {
        method: init.method,
        headers: init.headers,
        bodyBase64: init.body === undefined ? undefined : base64Of(init.body),
      });
      if (reply.status === 504 && reply.failure) {
        const method = (init.method ?? 'GET').toUpperCase();
        throw new Error(
          `[swerve] ${method} ${path} did not finish: the handler was still running at its deadline of ` +
            `${requestTimeoutMs} ms, so the host stopped it and answered 504.\n` +
            `Host log: ${reply.failure.log ?? reply.failure.error}\n` +
            'If the handler is only slow, raise it: test.use({ requestTimeout: <ms> }).',
        );
      }
      return appResponse(reply);
    },
    kv,
    logs: () => callDriver(driver, 'logs'),
    requests: () => callDriver(driver, 'requests'),
  };
}
