/**
 * The page side of the host: one `HostConnection`, whether the host runs at this page's own
 * origin (a service worker controlling the page) or at an app's origin behind a frame of its
 * host page (how the site, the playground and embeds reach apps: docs/decisions/0007).
 */
import { readBodyWithin } from '../protocol/body-limit.ts';
import { SwerveError } from '../errors.ts';
import type { AppSummary, DeployRequest, DeployResult } from '../protocol/deploy.ts';
import { HOST_EVENTS_CHANNEL, type HostEvent, type LogRecord } from '../protocol/host-events.ts';
import { isEnvelope } from '../protocol/envelope.ts';
import type { HostMode, HostReplies, HostRequests, HostRequestType } from '../protocol/messages.ts';
import type { RequestRecord } from '../protocol/request-record.ts';
import { canTransferStreams } from '../protocol/fetch-request.ts';
import { appOrigin } from '../origins/app-origins.ts';
import { ORIGINS } from '../origins/configured-origins.ts';
import { componentizeCoreModules } from './componentize.ts';
import { manifestText, resolveFiles, type DeployFile } from './deploy-files.ts';
import { linkFrame } from './frame-link.ts';
import { kvClient, type KvClient } from './kv-client.ts';
import { sqliteClient, type SqliteClient } from './sqlite-client.ts';
import { sendRequest, type PostMessage } from './reply-channel.ts';
import { linkServiceWorker } from './service-worker-link.ts';

/**
 * What to deploy: the deploy request (protocol/deploy.ts: name, mount, variables, environment,
 * key-value stores and seeds, request timeout), with the manifest and files given as a page has
 * them.
 */
export type DeployOptions = Omit<DeployRequest, 'manifest' | 'files'> & {
  /** The spin.toml text, or a URL to fetch it from. */
  manifest: string | URL;
  /**
   * The app's files by path relative to the manifest: each component's `source` (.wasm) and the
   * files its `files` entries mount. Bytes, Blobs or URLs.
   */
  files?: Record<string, DeployFile>;
};

export interface HostConnection {
  /** The origin the host runs at: its apps answer URLs of this origin. */
  readonly origin: string;
  /** The build of the host. */
  readonly build: string;
  /** A service worker (the app's own documents can load), or a dedicated worker (they cannot). */
  readonly mode: HostMode;
  /** When the app's own documents cannot load at its origin in this browser context: why, for people. */
  readonly documentsUnavailable?: string;
  /** Sends one request to the host and waits for its reply. */
  request<T extends HostRequestType>(type: T, payload: HostRequests[T]): Promise<HostReplies[T]>;
  /**
   * Deploys (or redeploys, under the same name) a Spin app. Rejects with a SwerveError that
   * says what is wrong: the manifest, a component the host cannot run, a missing variable.
   */
  deploy(options: DeployOptions): Promise<DeployResult>;
  /** Sends an HTTP request to the host's apps (a path at its origin) and returns the answer. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Every app the host serves. */
  apps(): Promise<AppSummary[]>;
  /** Stops serving a deployed app; its key-value data stays. */
  remove(name: string): Promise<boolean>;
  /** Log lines recorded after `sinceId`. */
  logs(sinceId?: number): Promise<LogRecord[]>;
  /** Request records (status, route, component, timings) after `sinceId`. */
  requests(sinceId?: number): Promise<RequestRecord[]>;
  /** One of an app's key-value stores (`default` unless `label` is given). */
  kv(app: string, label?: string): KvClient;
  /** One of an app's SQLite databases (`default` when no label is given). */
  sqlite(app: string, label?: string): SqliteClient;
  /** Calls `listener` with every log line and request record as it happens; returns an unsubscribe function. */
  subscribe(listener: (event: HostEvent) => void): () => void;
  /** Lets go of the host (removes the host page's frame, if any). */
  close(): void;
}

export interface ConnectOptions {
  /**
   * The origin whose host to connect to. This page's own origin by default, where the page
   * registers the service worker itself; any other origin is reached through its host page.
   */
  origin?: string;
  /** The worker script, for this page's own origin; defaults to `/sw.js`. */
  scriptUrl?: string;
  /** How long to wait for the host to start, in milliseconds. */
  timeoutMs?: number;
}

/** Defined in the host's own page scripts (host page, bootstrap pages), which must match their worker. */
declare const __SWERVE_BUILD__: string | undefined;

/** The part of a connection that depends on where the host is. */
interface Link {
  origin: string;
  build: string;
  mode: HostMode;
  documentsUnavailable?: string;
  post: PostMessage;
  /** Readies a deploy's files for the host (the host page does it for framed hosts). */
  prepareFiles?: (files: Record<string, Uint8Array>) => Promise<Record<string, Uint8Array>>;
  fetch: HostConnection['fetch'];
  subscribe: HostConnection['subscribe'];
  close: () => void;
}

/** A request body as one message carries it: read whole, up to MAX_BUFFERED_BODY_BYTES. */
function bytesOf(body: BodyInit | null | undefined, what: string): Promise<Uint8Array | undefined> {
  if (body === null || body === undefined) return Promise.resolve(undefined);
  return readBodyWithin(
    new Response(body).body,
    what,
    "Send a smaller body, or send it from a page at the app's own origin, where bodies stream.",
  );
}

async function ownOriginLink(options: ConnectOptions): Promise<Link> {
  const link = await linkServiceWorker({
    scriptUrl: options.scriptUrl,
    timeoutMs: options.timeoutMs,
    expectBuild: typeof __SWERVE_BUILD__ === 'string' ? __SWERVE_BUILD__ : undefined,
  });
  return {
    origin: location.origin,
    build: link.hello.build,
    mode: 'service-worker',
    post: link.post,
    prepareFiles: componentizeCoreModules,
    // This page is controlled: its own fetches reach the service worker, as the app's documents' do.
    fetch: (path, init) => fetch(new URL(path, location.origin), init),
    subscribe(listener) {
      const channel = new BroadcastChannel(HOST_EVENTS_CHANNEL);
      channel.onmessage = (event: MessageEvent<unknown>) => {
        if (isEnvelope(event.data, 'event')) listener(event.data.event);
      };
      return () => channel.close();
    },
    close: () => undefined,
  };
}

async function frameLink(origin: string, options: ConnectOptions): Promise<Link> {
  const { frame, ready, post } = await linkFrame(origin, options.timeoutMs);
  const where = `The app host at ${origin}`;
  return {
    origin,
    build: ready.build,
    mode: ready.mode,
    documentsUnavailable: ready.reason,
    post,
    async fetch(path, init) {
      const request = new Request(new URL(path, origin), init);
      // Both bodies stream where the browser transfers streams (protocol/fetch-request.ts).
      const streams = canTransferStreams();
      const what = `The body of ${request.method} ${new URL(request.url).pathname}`;
      const reply = await sendRequest(
        post,
        'fetch',
        {
          url: request.url,
          method: request.method,
          headers: [...request.headers],
          body: streams ? (request.body ?? undefined) : await bytesOf(init?.body, what),
          streamReply: streams,
        },
        where,
      );
      const nullBody = reply.status === 204 || reply.status === 304 || request.method === 'HEAD';
      if (nullBody && reply.body instanceof ReadableStream) void reply.body.cancel();
      return new Response(nullBody ? null : (reply.body as BodyInit | null), {
        status: reply.status,
        statusText: reply.statusText,
        headers: reply.headers,
      });
    },
    subscribe(listener) {
      const events = new MessageChannel();
      events.port1.onmessage = (event: MessageEvent<unknown>) => {
        if (isEnvelope(event.data, 'event')) listener(event.data.event);
      };
      void sendRequest(post, 'subscribe', {}, where, { ports: [events.port2] }).catch((error: unknown) =>
        console.error(error),
      );
      return () => {
        events.port1.postMessage('unsubscribe');
        events.port1.close();
      };
    },
    close: () => frame.remove(),
  };
}

/**
 * Connects to the host at `options.origin` (this page's own by default) and resolves once it is
 * ready: the service worker controls the page, or the app's host page has started in its frame.
 */
export async function connectHost(options: ConnectOptions = {}): Promise<HostConnection> {
  const origin = options.origin ? new URL(options.origin).origin : location.origin;
  const link = origin === location.origin ? await ownOriginLink(options) : await frameLink(origin, options);
  const request: HostConnection['request'] = (type, payload) =>
    sendRequest(link.post, type, payload, `The host at ${origin}`);
  return {
    origin: link.origin,
    build: link.build,
    mode: link.mode,
    documentsUnavailable: link.documentsUnavailable,
    request,
    async deploy(options) {
      const files = await resolveFiles(options.files ?? {});
      return request('deploy', {
        ...options,
        manifest: await manifestText(options.manifest),
        files: link.prepareFiles ? await link.prepareFiles(files) : files,
      });
    },
    fetch: link.fetch,
    apps: async () => (await request('apps', {})).apps,
    remove: async (name) => (await request('remove', { name })).removed,
    logs: async (sinceId) => (await request('logs', { sinceId })).records,
    requests: async (sinceId) => (await request('metrics', { sinceId })).records,
    kv: (app, label = 'default') => kvClient(request, app, label),
    sqlite: (app, label = 'default') => sqliteClient(request, app, label),
    subscribe: link.subscribe,
    close: link.close,
  };
}

/** Connects to the host of the app `key`, at the app's own origin for this site. */
export function connectApp(
  key: string,
  options: Omit<ConnectOptions, 'origin'> = {},
): Promise<HostConnection> {
  return connectHost({ ...options, origin: appOriginFor(key) });
}

/** The origin the app `key` runs at, for the site this page belongs to. */
export function appOriginFor(key: string): string {
  if (!ORIGINS.site && !ORIGINS.apps && location.hostname.split('.').length !== 2) {
    throw new SwerveError(
      'host-unavailable',
      `Apps run at origins under the site's host, but ${location.host} is not a site host (such as ` +
        'swerve.localhost or example.com). Open the site at its own address.',
    );
  }
  return appOrigin(key, ORIGINS.site ?? location.origin, ORIGINS);
}
