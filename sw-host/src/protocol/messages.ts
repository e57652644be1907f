/**
 * The host protocol: every message between a page, an app's host page and the runtime (the
 * service worker or a dedicated worker), in one place.
 *
 * One envelope, `{ swerve: HOST_PROTOCOL_VERSION, kind, ... }`, for everything that travels:
 * - `request`: a page asks for something, with a `MessagePort` (`ports[0]`) for the reply;
 * - `reply`: the answer on that port, a payload or an error with a `SwerveError` code;
 * - `event`: a log line or request record, streamed to pages that subscribed;
 * - `ready`: an app's host page telling the page that framed it that it is up, and how.
 * Envelopes are built and read only through protocol/envelope.ts, on every side; the guest pool's
 * messages (guest-pool/messages.ts) carry the same header.
 */
import type { SwerveErrorCode } from '../errors.ts';
import type { AppSummary, DeployRequest, DeployResult } from './deploy.ts';
import type { FetchReply, FetchRequest } from './fetch-request.ts';
import type { HostEvent, LogRecord } from './host-events.ts';
import type { KvReplies, KvRequests } from './kv-requests.ts';
import type { SqliteReplies, SqliteRequests } from './sqlite-requests.ts';
import type { RequestRecord } from './request-record.ts';

/**
 * Bumped whenever a message changes shape. Every envelope carries it; a runtime refuses a
 * request of another version with `protocol-mismatch`, and the page updates the worker.
 * 3: a guest pool is attached with its workers' build, and refused when it is not the worker's.
 * 4: a page can run SQL on an app's databases, empty them and read them as files (`sqlite-*`);
 *    a request record lists the component's outbound calls (`outbound`).
 * protocol/protocol-version.test.ts pins the message names to this number.
 */
export const HOST_PROTOCOL_VERSION = 4;

/** Requests a page can send, keyed by type. */
export interface HostRequests extends KvRequests, SqliteRequests {
  /** Handshake: which protocol and build the runtime runs. */
  hello: Record<string, never>;
  /** Ask the service worker to take control of this page (after a hard reload it is not controlled). */
  claim: Record<string, never>;
  /** The records of requests served after `sinceId` (all kept records when absent). */
  metrics: { sinceId?: number };
  /** The log lines recorded after `sinceId` (all kept lines when absent). */
  logs: { sinceId?: number };
  /** Validate, transpile, store and start serving an app. */
  deploy: DeployRequest;
  /** Every app the host serves. */
  apps: Record<string, never>;
  /** Stop serving a deployed app and forget it (its key-value data stays; its SQLite databases go). */
  remove: { name: string };
  /** Send an HTTP request to the apps this runtime serves, as a fetch from the app's origin would. */
  fetch: FetchRequest;
  /** Stream every log line and request record to the port sent with this request. */
  subscribe: Record<string, never>;
}

/** The reply to each request type. */
export interface HostReplies extends KvReplies, SqliteReplies {
  /** `durable`: whether deployed apps and their stores outlive the runtime (IndexedDB, not memory). */
  hello: { protocol: number; build: string; durable: boolean };
  claim: { claimed: true };
  metrics: { records: RequestRecord[] };
  logs: { records: LogRecord[] };
  deploy: DeployResult;
  apps: { apps: AppSummary[] };
  remove: { removed: boolean };
  fetch: FetchReply;
  subscribe: { subscribed: true };
}

export type HostRequestType = keyof HostRequests;

/** How an app's host page runs the app (see host-page/main.ts). */
export type HostMode =
  /** A service worker at the app's origin: requests and the app's own documents both work. */
  | 'service-worker'
  /**
   * A dedicated worker owned by the host page, because the browser allows no service worker in
   * this frame (a frame on another site): requests work, the app's own documents cannot load.
   */
  | 'worker';

interface Envelope {
  swerve: typeof HOST_PROTOCOL_VERSION;
}

export interface HostRequestEnvelope<T extends HostRequestType = HostRequestType> extends Envelope {
  kind: 'request';
  type: T;
  payload: HostRequests[T];
}

/** `error`: the failure's sentence without the `[swerve] ` prefix (`SwerveError.detail`). */
export type HostReplyEnvelope<T extends HostRequestType = HostRequestType> = Envelope & { kind: 'reply' } & (
    { ok: true; payload: HostReplies[T] } | { ok: false; error: string; code?: SwerveErrorCode }
  );

export interface HostEventEnvelope extends Envelope {
  kind: 'event';
  event: HostEvent;
}

export interface HostReadyEnvelope extends Envelope {
  kind: 'ready';
  mode: HostMode;
  build: string;
  /** When `mode` is `worker`: why, in a sentence for people. */
  reason?: string;
}

export type HostEnvelope = HostRequestEnvelope | HostReplyEnvelope | HostEventEnvelope | HostReadyEnvelope;

/** How long a page waits for each reply, in milliseconds, before it says the host is not answering. */
export const REPLY_TIMEOUT_MS: Partial<Record<HostRequestType, number>> & { default: number } = {
  default: 15_000,
  // Transpiling a 13 MB component takes a few seconds; a cold browser on a slow machine, more.
  deploy: 180_000,
  // A request runs until its deadline (10 s by default) and its body may be large.
  fetch: 120_000,
};

/**
 * What of `value` to transfer with a message instead of copying it: its byte arrays' buffers
 * (each once, even when several views share it) and its streams (fetch bodies).
 */
export function transferablesOf(value: unknown, found = new Set<Transferable>()): Transferable[] {
  if (value instanceof ArrayBuffer) found.add(value);
  else if (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream) found.add(value);
  else if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) transferablesOf(item, found);
  }
  return [...found];
}
