/**
 * The public types of `@swerve/playwright`: the options a test sets with `test.use()` and the
 * `app` fixture it receives. Self-contained (no import from the host), so that the published
 * declarations are exactly these.
 */
// Bodies are Node Buffers, as in Playwright's own types (which reference Node's the same way).
/// <reference types="node" />
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
  /**
   * `test` (the default): every test gets the app as if freshly deployed. `worker`: the tests of
   * one file that give the app the same options share one deployment, stores, logs and all, in
   * the order they run: for suites that only read, or whose tests build on each other (with
   * `test.describe.configure({ mode: 'serial' })`). Their pages and contexts are still reset.
   */
  appScope: 'test' | 'worker';
}

/** What the worker-scoped server accepts (`test.use({ swervePort })`, or the config's `use`). */
export interface SwerveWorkerOptions {
  /**
   * The port of the first worker's server; worker N listens on `swervePort + N`. 0 (the
   * default) lets the system pick a free port for each worker.
   */
  swervePort: number;
}

/** One response header as the app sent it (names arrive lower-cased, as browsers keep them). */
export interface AppHeader {
  name: string;
  value: string;
}

/**
 * An answer from the app, read in full, shaped like Playwright's `APIResponse`: what a test reads
 * from `request.get()` it reads from `app.fetch()` the same way.
 */
export interface AppResponse<T = unknown> {
  /** The absolute URL that was requested, query included. */
  url(): string;
  status(): number;
  statusText(): string;
  /** True when the status is 200-299. */
  ok(): boolean;
  /**
   * Every header by lower-cased name; a name sent more than once has its values joined with
   * `, ` (`set-cookie` with a newline), as Playwright joins them.
   */
  headers(): Record<string, string>;
  /** Every header, one entry per value (`set-cookie` may appear several times). */
  headersArray(): AppHeader[];
  /** The body's bytes. */
  body(): Promise<Buffer>;
  /** The body as UTF-8 text. */
  text(): Promise<string>;
  /** The body parsed as JSON; fails when it is not JSON. */
  json<R = T>(): Promise<R>;
  /** Lets go of the body; reading it afterwards fails. */
  dispose(): Promise<void>;
  /** When the host failed the request (a trap, a deadline): its reason, as its log says. */
  error(): string | undefined;
}

/** A multipart file field, as Playwright takes it. */
export interface AppMultipartFile {
  name: string;
  mimeType: string;
  buffer: Buffer | Uint8Array;
}

/** A JSON value, for `data`. */
export type AppJsonValue = string | number | boolean | null | AppJsonValue[] | { [key: string]: unknown };

/**
 * A request to the app: the options of Playwright's `APIRequestContext.fetch` that mean something
 * for an app in the browser. At most one of `data`, `form` and `multipart`.
 */
export interface AppFetchOptions {
  /** `GET` unless given. A body (`data`, `form`, `multipart`) needs a method that takes one. */
  method?: string;
  headers?: Record<string, string>;
  /** Added to the path's query. */
  params?: Record<string, string | number | boolean> | URLSearchParams | string;
  /**
   * The body: a string (UTF-8) or bytes as they are (`content-type: application/octet-stream`
   * unless set); any other value as JSON (`content-type: application/json` unless set).
   */
  data?: string | Buffer | Uint8Array | AppJsonValue | object;
  /** Sent as `application/x-www-form-urlencoded` (the content type is set unless given). */
  form?: Record<string, string | number | boolean> | FormData;
  /** Sent as `multipart/form-data`; files as `{ name, mimeType, buffer }`. */
  multipart?: Record<string, string | number | boolean | AppMultipartFile> | FormData;
  /** Milliseconds to wait for the answer; 0 or absent: no limit but the handler's own deadline. */
  timeout?: number;
  /** Fail, rather than answer, when the status is not 2xx or 3xx. */
  failOnStatusCode?: boolean;
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

/**
 * A SQLite value in a test. Passed in: `bigint` or a whole `number` is an integer, any other
 * `number` a real, `Uint8Array` a blob. Read back: integers are `bigint`s, reals `number`s.
 */
export type AppSqliteValue = bigint | number | string | Uint8Array | null;

/** What a statement returned: rows as objects keyed by column name. */
export interface AppSqliteResult {
  columns: string[];
  rows: Record<string, AppSqliteValue>[];
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  changes: bigint;
  lastInsertRowid: bigint;
}

/** One of the app's SQLite databases: the very database its components use. */
export interface AppSqlite {
  /** Runs one statement with `?` parameters bound in order (to seed or to read). */
  execute(statement: string, parameters?: readonly AppSqliteValue[]): Promise<AppSqliteResult>;
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
  /**
   * The outgoing requests the handler made while serving this request, as the host recorded them:
   * denied ones, requests to the app itself and service chaining included (which `app.outbound()`,
   * seeing only what reached the browser's network, never lists). The first 50 in full, later ones
   * counted in `omitted`. Absent when the handler made none.
   */
  outbound?: { calls: AppRecordedCall[]; omitted: number };
}

/** One outgoing request in a request's record (`AppRequestRecord.outbound`). */
export interface AppRecordedCall {
  method: string;
  /** As the component wrote it: absolute, or a path for a request to the app itself. */
  url: string;
  /** `network`, `self` (the app itself) or `component` (service chaining); absent when denied. */
  target?: 'network' | 'self' | 'component';
  /** ms since the epoch. */
  at: number;
  /** Until the response's headers came, or until it failed. */
  durationMs: number;
  status?: number;
  /** Why no response came, in the host's words. */
  error?: string;
  /** Set when `allowed_outbound_hosts` refused it; `error` then names the entry to add. */
  denied?: true;
}

/**
 * A request a guest sent out (to a host its manifest allows), as the browser saw it: what a route
 * or a mock answered, or the network.
 */
export interface AppOutboundRequest {
  method: string;
  /** The absolute URL, query included. */
  url: string;
  /** The request headers, by lower-cased name, as the browser sent them. */
  headers: Record<string, string>;
  /** The body's length in bytes (0 when there was none). */
  bodySize: number;
  /** The answer's status; undefined when none came (`failure` says why). */
  status: number | undefined;
  /** Why it failed, when no answer came (a refused connection, a route that aborted it). */
  failure?: string;
}

/** The app under test: as if freshly deployed for this test, at an origin its worker keeps for the app. */
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
  /**
   * Sends a request through the host, with the options of Playwright's `request.fetch()`.
   * Fails when the handler ran past its deadline.
   */
  fetch<T = unknown>(path: string, options?: AppFetchOptions): Promise<AppResponse<T>>;
  /** One of the app's key-value stores, `default` unless `label` is given. */
  kv(label?: string): AppKv;
  /** One of the app's SQLite databases, `default` unless `label` is given. */
  sqlite(label?: string): AppSqlite;
  /** Every log line so far. */
  logs(): Promise<AppLogLine[]>;
  /** Every request served so far. */
  requests(): Promise<AppRequestRecord[]>;
  /**
   * Every request the app's guests sent out so far, oldest first, each once it has its answer.
   * Requests to hosts the manifest does not allow are refused before they are sent, as under
   * Spin: they are not here (the app's log says what was refused).
   */
  outbound(): Promise<AppOutboundRequest[]>;
  /**
   * Stops the app's service worker, as the browser stops an idle one: what it held in memory
   * (instances, compiled modules, open stores) is gone, the stores themselves stay, and the next
   * request starts it again. For tests of what survives a restart. Fails in `worker` host mode,
   * which has no service worker.
   */
  stopServiceWorker(): Promise<void>;
  /**
   * How the host runs: `service-worker` (the app's own documents load), or `worker` (a dedicated
   * worker of its host page, when the browser allows no service worker: `serviceWorkers: 'block'`).
   */
  readonly hostMode: 'service-worker' | 'worker';
}

/** The test-scoped fixtures. */
export interface SwerveTestFixtures {
  app: SwerveApp;
  /** The app's default key-value store; `kv.store(label)` is another of its stores. */
  kv: AppKv & { store(label: string): AppKv };
  /** The app's log lines so far (`app.logs()`). */
  logs: () => Promise<AppLogLine[]>;
  /** The requests the app served so far (`app.requests()`). */
  requests: () => Promise<AppRequestRecord[]>;
}
