/**
 * The page ↔ service worker protocol: every message type and its reply, in one place.
 *
 * A page sends a request with a `MessageChannel`; the reply comes back on `ports[0]`. The
 * envelope is unwrapped only in `client/host-connection.ts` and `sw/message-handler.ts`.
 */
import type { SwerveErrorCode } from '../errors.ts';
import type { AppSummary, DeployRequest, DeployResult } from './deploy.ts';
import type { LogRecord } from './host-events.ts';
import type { KvReplies, KvRequests } from './kv-requests.ts';
import type { RequestRecord } from './request-record.ts';

/**
 * Bumped whenever a message changes shape. A page and a worker from different deploys compare
 * it in the `hello` handshake, so that a stale worker is noticed instead of misunderstood.
 */
export const HOST_PROTOCOL_VERSION = 1;

/** Requests a page can send, keyed by type. */
export interface HostRequests extends KvRequests {
  /** Handshake: which protocol and build the worker runs. */
  hello: { protocol: number };
  /** Ask the worker to take control of this page (after a hard reload it is not controlled). */
  claim: Record<string, never>;
  /** The records of requests served after `sinceId` (all kept records when absent). */
  metrics: { sinceId?: number };
  /** The log lines recorded after `sinceId` (all kept lines when absent). */
  logs: { sinceId?: number };
  /** Validate, transpile, store and start serving an app. */
  deploy: DeployRequest;
  /** Every app the host serves. */
  apps: Record<string, never>;
  /** Stop serving a deployed app and forget it (its key-value data stays). */
  remove: { name: string };
}

/** The reply to each request type. */
export interface HostReplies extends KvReplies {
  hello: { protocol: number; build: string };
  claim: { claimed: true };
  metrics: { records: RequestRecord[] };
  logs: { records: LogRecord[] };
  deploy: DeployResult;
  apps: { apps: AppSummary[] };
  remove: { removed: boolean };
}

export type HostRequestType = keyof HostRequests;

/** What travels over `postMessage` from the page. */
export interface HostRequestEnvelope<T extends HostRequestType = HostRequestType> {
  swerve: T;
  payload: HostRequests[T];
}

/** What travels back on `ports[0]`. */
export type HostReplyEnvelope<T extends HostRequestType = HostRequestType> =
  { ok: true; payload: HostReplies[T] } | { ok: false; error: string; code?: SwerveErrorCode };

/** Whether a message event's data is one of ours. */
export function isHostRequest(data: unknown): data is HostRequestEnvelope {
  return (
    typeof data === 'object' && data !== null && typeof (data as { swerve?: unknown }).swerve === 'string'
  );
}
