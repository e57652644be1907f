/**
 * What the kit's driver page (driver/driver.ts, at the kit's site origin) exposes to the fixtures
 * as `globalThis.swerveKit`. Everything crosses Playwright's `evaluate`, which carries JSON values
 * and `Uint8Array`s: a request's and a response's bodies cross as bytes; the stores' values and
 * seeds still travel as base64.
 */
import type { DeployRequest } from 'swerve/node';
import type { AppLogLine, AppRequestRecord } from './types.ts';

/**
 * A deploy, as the Node side prepared it: the host's `DeployRequest` (its variables, timeout, and
 * the components the kit transpiled in Node as `prepared`), with the manifest and files as URLs at
 * the site origin and the seeds as base64, so that all of it crosses as JSON.
 */
export type DriverDeploy = Required<Pick<DeployRequest, 'manifestFile' | 'variables'>> &
  Pick<DeployRequest, 'requestTimeoutMs' | 'prepared'> & {
    manifestUrl: string;
    /** Deploy key (as the manifest names the file) → URL to fetch it from. */
    files: Record<string, string>;
    /** Label → key → value as base64. */
    keyValues: Record<string, Record<string, string>>;
  };

export type DriverStarted =
  | {
      ok: true;
      name: string;
      warnings: string[];
      mode: string;
      /** Whether the app's origin was already running (an earlier test's), so it was reset. */
      reused: boolean;
      /** connect: the host started (0 when reused); reset: the last test's state gone; deploy. */
      timings: { connectMs: number; resetMs: number; deployMs: number };
    }
  /** `message`: the host's sentence without its `[swerve] ` prefix (`SwerveError.detail`). */
  | { ok: false; stage: 'connect' | 'deploy'; code?: string; message: string };

export interface DriverRequest {
  method: string;
  headers: Record<string, string>;
  body?: RequestBody;
  /** Where to send an answer's body over INLINE_BODY_BYTES: a path the kit's server takes it at. */
  answerTo: string;
}

/**
 * The largest body that crosses inside Playwright's `evaluate`, either way. Playwright carries a
 * `Uint8Array` as base64 it encodes and decodes byte by byte in Node (before Node 25): 4 MiB cost
 * seconds. A larger body goes through the kit's server instead, as it is (app-fetch.ts).
 */
export const INLINE_BODY_BYTES = 64 * 1024;

/**
 * A request body as it crosses to the page: bytes, or for a large one the path (at any of the
 * kit server's origins) where the kit's server holds them for the page to fetch once.
 */
export type RequestBody = Uint8Array | { heldAt: string };

/** An app's answer, read whole (the same shape whether a page's fetch or the host connection got it). */
export interface DriverResponse {
  /** Where the answer came from: the request's URL, or the last one a redirect led to. */
  url: string;
  status: number;
  statusText: string;
  /** One entry per value: `set-cookie` may come several times. */
  headers: { name: string; value: string }[];
  /** The bytes, or (over INLINE_BODY_BYTES) the path the page sent them to at the kit's server. */
  body: Uint8Array | { sentTo: string };
}

/** The host's record of a failed request: why, and the log line it wrote. */
export interface DriverFailure {
  error: string;
  log?: string;
}

/** The fixture's own shapes: the driver page returns exactly what the `app` fixture hands out. */
export type DriverLogLine = AppLogLine;
export type DriverRequestRecord = AppRequestRecord;

export interface KitDriver {
  /** Connects to the host at `origin` (framing its host page) and deploys the app there. */
  start(origin: string, deploy: DriverDeploy): Promise<DriverStarted>;
  /**
   * Sends a request over the host connection (worker mode: no fetch of the app's origin reaches
   * the host there). `url`: absolute, at the app's origin, query included.
   */
  fetch(url: string, request: DriverRequest): Promise<DriverResponse>;
  /** The host's record of this test's last request of `method` and `path` answered `status`, if it failed. */
  failure(method: string, path: string, status: number): Promise<DriverFailure | undefined>;
  kvKeys(label: string): Promise<string[]>;
  /** base64, or null when the key is not set. */
  kvGet(label: string, key: string): Promise<string | null>;
  kvSet(label: string, key: string, base64: string): Promise<void>;
  kvDelete(label: string, key: string): Promise<void>;
  /** Runs one statement on SQLite database `label`; values as DriverSqliteValue both ways. */
  sqlite(label: string, statement: string, parameters: DriverSqliteValue[]): Promise<DriverSqliteResult>;
  logs(): Promise<DriverLogLine[]>;
  requests(): Promise<DriverRequestRecord[]>;
}

/**
 * A SQLite value as it crosses between Node and the driver page (JSON-safe): integers as
 * decimal text, blobs as base64.
 */
export type DriverSqliteValue =
  { integer: string } | { real: number } | { text: string } | { blob: string } | null;

export interface DriverSqliteResult {
  columns: string[];
  rows: DriverSqliteValue[][];
  changes: string;
  lastInsertRowid: string;
}

/** The driver page's path at the kit's site origin, and its script's. */
export const DRIVER_PAGE_PATH = '/_swerve/kit/driver.html';
export const DRIVER_SCRIPT_PATH = '/_swerve/kit/driver.js';
/** Where the site origin serves the apps' files: `<prefix><app id>/<path in the app folder>`. */
export const APP_FILES_PREFIX = '/_swerve/kit/app/';
/** Where the kit's server holds a large request body for the page: `<prefix><random id>`, at every origin. */
export const HELD_BODY_PREFIX = '/_swerve/kit/body/';
