/**
 * The only place the host protocol's envelopes (protocol/messages.ts) are built and read: every
 * side (the page's client, the host page, the runtime, the guest pool) builds with these and
 * checks with `isEnvelope`, so the `{ swerve, kind }` header and the way a failure travels are
 * written once. Meant to be imported as a namespace: `envelope.ok(payload)`, `envelope.fail(error)`.
 *
 * A failure crosses as its bare sentence (`SwerveError.detail`) and its code, never as an `Error`
 * (structured clone keeps only the message of one, and loses the code); the side that reads it
 * makes a `SwerveError` of it again (`errorOf`), so the message is prefixed once and `detail` is
 * the sentence the host wrote.
 */
import { messageOf, SwerveError, type SwerveErrorCode } from '../errors.ts';
import type { HostEvent } from './host-events.ts';
import {
  HOST_PROTOCOL_VERSION,
  type HostEnvelope,
  type HostEventEnvelope,
  type HostMode,
  type HostReadyEnvelope,
  type HostReplies,
  type HostReplyEnvelope,
  type HostRequestEnvelope,
  type HostRequests,
  type HostRequestType,
} from './messages.ts';

/** A failure as it crosses a port: the sentence without the `[swerve] ` prefix, and its code. */
export interface Failure {
  message: string;
  code?: SwerveErrorCode;
}

/** `error` as it crosses a port. Any error: one that is not a `SwerveError` keeps its message, no code. */
export function failureOf(error: unknown): Failure {
  return { message: messageOf(error), code: error instanceof SwerveError ? error.code : undefined };
}

/** The error a `Failure` that crossed a port stands for; `code` when it came without one. */
export function errorOf(failure: Failure, code: SwerveErrorCode): SwerveError {
  return new SwerveError(failure.code ?? code, failure.message);
}

/** `{ swerve, kind }` and `fields`: the header every message of the host's carries. */
export function headed<K extends string, F extends object>(
  kind: K,
  fields: F,
): { swerve: typeof HOST_PROTOCOL_VERSION; kind: K } & F {
  return { swerve: HOST_PROTOCOL_VERSION, kind, ...fields };
}

/** A page's request of `type`, sent with a reply port (client/reply-channel.ts). */
export function request<T extends HostRequestType>(
  type: T,
  payload: HostRequests[T],
): HostRequestEnvelope<T> {
  return headed('request', { type, payload });
}

/** A request's answer. */
export function ok<T extends HostRequestType>(payload: HostReplies[T]): HostReplyEnvelope<T> {
  return headed('reply', { ok: true as const, payload });
}

/** A request's failure: `error`'s bare sentence and its code (`failureOf`). */
export function fail(error: unknown): HostReplyEnvelope {
  const { message, code } = failureOf(error);
  return headed('reply', { ok: false as const, error: message, code });
}

/** A log line or request record streamed to subscribed pages. */
export function event(hostEvent: HostEvent): HostEventEnvelope {
  return headed('event', { event: hostEvent });
}

/** A host page telling the page that framed it that it is up, and how (`reason`: why a worker). */
export function ready(mode: HostMode, build: string, reason?: string): HostReadyEnvelope {
  return headed('ready', { mode, build, reason });
}

/** Whether `data` has the header of one of the host's messages of this version, and is of `kind`. */
export function hasHeader(data: unknown, kind: string): boolean {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { swerve?: unknown }).swerve === HOST_PROTOCOL_VERSION &&
    (data as { kind?: unknown }).kind === kind
  );
}

/**
 * Whether a message's data is one of ours, of this protocol version, and of `kind`. A message
 * of another version is not ours to read: its shape may differ.
 */
export function isEnvelope<K extends HostEnvelope['kind']>(
  data: unknown,
  kind: K,
): data is Extract<HostEnvelope, { kind: K }> {
  return hasHeader(data, kind);
}

/** A message that looks like ours but speaks another protocol version (a stale worker or page). */
export function isOtherVersion(data: unknown): boolean {
  const swerve = (data as { swerve?: unknown } | null)?.swerve;
  return (typeof swerve === 'number' && swerve !== HOST_PROTOCOL_VERSION) || typeof swerve === 'string';
}

/**
 * What a reply says: its payload, or the `SwerveError` it carries, thrown. `where` names the other
 * side for the error of a message that is no reply of this version.
 */
export function payloadOf<T extends HostRequestType>(data: unknown, where: string): HostReplies[T] {
  if (!isEnvelope(data, 'reply')) {
    throw new SwerveError('protocol-mismatch', `${where} answered in another protocol. Reload the page.`);
  }
  if (data.ok) return data.payload as HostReplies[T];
  throw errorOf({ message: data.error, code: data.code }, 'host-unavailable');
}
