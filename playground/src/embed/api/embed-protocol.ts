/**
 * The messages between a page that embeds an app (the embed API, create-embed.ts) and the embed
 * page in its frame (/embed, ../parent-channel.ts). Pure and typed: both sides import it.
 *
 * The channel (docs/decisions/0015):
 * 1. The embed page, once it listens, posts `ready` to its parent window. It holds nothing:
 *    whoever frames the embed may see it.
 * 2. The embedding page takes `ready` only from its own frame's window at the site's origin,
 *    and answers `request: connect` with two ports: one for the reply, one for events.
 * 3. Every later request carries a port of its own; the embed page replies on it. The embed page
 *    acts only on messages whose source is its parent window (at the origin that connected), so
 *    no other frame of the page can drive it, and nothing it sends goes anywhere but down a port
 *    its parent handed it.
 *
 * Every envelope names the protocol and its version: a newer embed page tells an older module
 * (or the other way round) that they do not match, rather than misreading each other.
 */

export const EMBED_PROTOCOL = 'swerve-embed';
export const EMBED_PROTOCOL_VERSION = 1;

/** A request to the embedded app, as the embedding page writes it. */
export interface EmbedRequest {
  method?: string;
  /** A path at the app's origin, with its query: `/hello?name=x`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The app's answer: the body as text (UTF-8). */
export interface EmbedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What `connect` answers: where the app runs and how. */
export interface EmbedInfo {
  /** The app's origin. */
  origin: string;
  /** `service-worker`, or `worker` in a third-party frame (no service worker, no HTML pages). */
  mode: 'service-worker' | 'worker';
  /** Why the app's own pages cannot load here, when they cannot. */
  documentsUnavailable?: string;
  editable: boolean;
  /** The app's manifest name. */
  app: string;
}

export interface EmbedRequests {
  connect: Record<string, never>;
  send: EmbedRequest;
  setFile: { path: string; text: string };
}

export interface EmbedReplies {
  connect: EmbedInfo;
  send: EmbedResponse;
  setFile: { deployed: true };
}

export type EmbedRequestType = keyof EmbedRequests;

export interface EmbedLog {
  source: 'stdout' | 'stderr' | 'host';
  level: 'info' | 'warn' | 'error';
  message: string;
}

export type EmbedEvent =
  | { type: 'response'; request: EmbedRequest; response: EmbedResponse }
  | { type: 'log'; log: EmbedLog }
  | { type: 'error'; message: string };

export type EmbedEventType = EmbedEvent['type'];

interface Base {
  protocol: typeof EMBED_PROTOCOL;
  version: typeof EMBED_PROTOCOL_VERSION;
}

export type ReadyEnvelope = Base & { kind: 'ready' };
export type RequestEnvelope<T extends EmbedRequestType = EmbedRequestType> = Base & {
  kind: 'request';
  type: T;
  payload: EmbedRequests[T];
};
export type ReplyEnvelope<T extends EmbedRequestType = EmbedRequestType> = Base & { kind: 'reply' } & (
    { ok: true; payload: EmbedReplies[T] } | { ok: false; error: string }
  );
export type EventEnvelope = Base & { kind: 'event'; event: EmbedEvent };

export interface Envelopes {
  ready: ReadyEnvelope;
  request: RequestEnvelope;
  reply: ReplyEnvelope;
  event: EventEnvelope;
}

const HEADER: Base = { protocol: EMBED_PROTOCOL, version: EMBED_PROTOCOL_VERSION };

export const readyEnvelope = (): ReadyEnvelope => ({ ...HEADER, kind: 'ready' });

export function requestEnvelope<T extends EmbedRequestType>(
  type: T,
  payload: EmbedRequests[T],
): RequestEnvelope<T> {
  return { ...HEADER, kind: 'request', type, payload };
}

export function replyEnvelope<T extends EmbedRequestType>(payload: EmbedReplies[T]): ReplyEnvelope<T> {
  return { ...HEADER, kind: 'reply', ok: true, payload };
}

export function failureEnvelope(error: unknown): ReplyEnvelope {
  return {
    ...HEADER,
    kind: 'reply',
    ok: false,
    error: error instanceof Error ? error.message : String(error),
  };
}

export const eventEnvelope = (event: EmbedEvent): EventEnvelope => ({ ...HEADER, kind: 'event', event });

const REQUEST_TYPES: readonly string[] = ['connect', 'send', 'setFile'] satisfies EmbedRequestType[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whether `data` is a message of this protocol at all, whatever its version. */
export function isEmbedMessage(data: unknown): data is Base & { kind: string } {
  return isRecord(data) && data['protocol'] === EMBED_PROTOCOL;
}

/** Whether `data` is an envelope of `kind`, of this version, with the fields its kind needs. */
export function isEnvelope<K extends keyof Envelopes>(data: unknown, kind: K): data is Envelopes[K] {
  if (!isEmbedMessage(data) || data.version !== EMBED_PROTOCOL_VERSION || data.kind !== kind) return false;
  const fields = data as unknown as Record<string, unknown>;
  switch (kind) {
    case 'request':
      return (
        typeof fields['type'] === 'string' &&
        REQUEST_TYPES.includes(fields['type']) &&
        isRecord(fields['payload'])
      );
    case 'reply':
      return fields['ok'] === true
        ? 'payload' in fields
        : fields['ok'] === false && typeof fields['error'] === 'string';
    case 'event':
      return isRecord(fields['event']) && typeof fields['event']['type'] === 'string';
    default:
      return true;
  }
}

/** What to say when the other side speaks another version of the protocol. */
export function versionMismatch(data: unknown): string | undefined {
  if (!isEmbedMessage(data) || data.version === EMBED_PROTOCOL_VERSION) return undefined;
  return (
    `The embed speaks version ${String(data.version)} of the embed protocol and this page's swerve-embed.js ` +
    `version ${EMBED_PROTOCOL_VERSION}: load swerve-embed.js from the same site as the embed.`
  );
}

/** Checks a request from the embedding page, so the embed page acts only on well-formed ones. */
export function checkEmbedRequest(value: unknown): EmbedRequest {
  if (!isRecord(value) || typeof value['path'] !== 'string')
    throw new Error('send() takes a request with a path, such as { method: "GET", path: "/hello" }.');
  const { method = 'GET', path, headers = {}, body } = value;
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method))
    throw new Error(
      `send() was given the method ${JSON.stringify(method)}: use an HTTP method such as GET or POST.`,
    );
  if (!path.startsWith('/'))
    throw new Error(
      `send() was given the path ${JSON.stringify(path)}: a path starts with "/", as in /hello.`,
    );
  if (!isRecord(headers) || Object.values(headers).some((v) => typeof v !== 'string'))
    throw new Error('send() takes headers as an object of name: text.');
  if (body !== undefined && typeof body !== 'string') throw new Error('send() takes a body as text.');
  return {
    method: method.toUpperCase(),
    path,
    headers: headers as Record<string, string>,
    ...(body !== undefined ? { body } : {}),
  };
}
