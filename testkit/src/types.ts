/**
 * The public types of `@swerve/playwright`: the options a test sets with `test.use()` and the
 * `app` fixture it receives. Self-contained (no import from the host), so that the published
 * declarations are exactly these.
 */
import type { Page } from '@playwright/test';

/** What `test.use()` accepts. */
export interface SwerveOptions {
  /**
   * The Spin app to run: a `spin.toml` or the folder holding one, relative to the folder of the
   * Playwright config file (absolute paths work too). Its components must be built.
   */
  spinApp: string | undefined;
  /** Variable values, by name: what `SPIN_VARIABLE_<NAME>` or `--variable` is to `spin up`. */
  variables: Record<string, string>;
  /**
   * Key-value entries to put in the app's stores before the test starts, by store label then key
   * (`{ default: { greeting: 'hello' } }`); strings are stored as UTF-8.
   */
  keyValues: Record<string, Record<string, string | Uint8Array>>;
  /**
   * How long a handler may run for one request, in milliseconds (as Playwright's own timeouts
   * are), before the host stops it and answers 504; `app.fetch` then fails with the host's
   * reason. 10 000 by default.
   */
  requestTimeout: number | undefined;
}

/** What the worker-scoped server accepts (`test.use({ swervePort })`, or the config's `use`). */
export interface SwerveWorkerOptions {
  /**
   * The port of the first worker's server; worker N listens on `swervePort + N`. 0 (the
   * default) lets the system pick a free port for each worker.
   */
  swervePort: number;
}

/** An answer from the app, read in full. */
export interface AppResponse {
  status: number;
  statusText: string;
  ok: boolean;
  headers: Record<string, string>;
  /** The body as UTF-8 text. */
  text(): Promise<string>;
  /** The body parsed as JSON. */
  json<T = unknown>(): Promise<T>;
  /** The body's bytes. */
  bytes(): Promise<Uint8Array>;
  /** When the host failed the request (a trap, a deadline): its reason, as its log says. */
  error?: string;
}

/** A request to the app; bodies are strings or bytes. */
export interface AppRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** One of the app's key-value stores: the very store its components use. */
export interface AppKv {
  /** Every key, sorted. */
  keys(): Promise<string[]>;
  /** The value's bytes, or undefined when the key is not set. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** The value as UTF-8 text, or undefined. */
  getText(key: string): Promise<string | undefined>;
  /** The value parsed as JSON, or undefined. */
  getJson<T = unknown>(key: string): Promise<T | undefined>;
  /** Sets a value: strings as UTF-8, other values (not bytes) as JSON. */
  set(key: string, value: string | Uint8Array | number | boolean | object | null): Promise<void>;
  delete(key: string): Promise<void>;
}

/** One log line: a guest's stdout or stderr, or a line from the host. */
export interface AppLogLine {
  source: 'stdout' | 'stderr' | 'host';
  level: 'info' | 'warn' | 'error';
  message: string;
  /** The component that wrote it, when one did. */
  component?: string;
  /** ms since the epoch. */
  at: number;
}

/** What the host recorded about one request it served. */
export interface AppRequestRecord {
  method: string;
  /** The path and query as the app saw them. */
  path: string;
  status: number;
  /** The component that served it, when one was reached. */
  component?: string;
  /** Why it failed, when it did. */
  error?: string;
  /** ms since the epoch. */
  at: number;
  timings: { loadMs: number; instantiateMs: number; handleMs: number; totalMs: number };
}

/** The app under test: deployed fresh for this test, at an origin of its own. */
export interface SwerveApp {
  /** The app's origin (`http://<random key>.kit.localhost:<port>`). */
  readonly origin: string;
  /** The app's name (from its manifest), as the host knows it. */
  readonly name: string;
  /**
   * The test's `page`, whose `baseURL` is the app's origin: `await app.page.goto('/')` opens the
   * app's own document, served by its components.
   */
  readonly page: Page;
  /** An absolute URL at the app's origin. */
  url(path: string): string;
  /** Sends a request through the host. Fails when the handler ran past its deadline. */
  fetch(path: string, init?: AppRequestInit): Promise<AppResponse>;
  /** One of the app's key-value stores, `default` unless `label` is given. */
  kv(label?: string): AppKv;
  /** Every log line so far. */
  logs(): Promise<AppLogLine[]>;
  /** Every request served so far. */
  requests(): Promise<AppRequestRecord[]>;
}

/** The test-scoped fixtures. */
export interface SwerveTestFixtures {
  app: SwerveApp;
}
