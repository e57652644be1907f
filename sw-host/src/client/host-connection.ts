/**
 * The page side of the host: registers the service worker and resolves once this page is
 * controlled by it, so that every fetch the page makes afterwards can reach the apps.
 */
import { SwerveError } from '../errors.ts';
import {
  HOST_PROTOCOL_VERSION,
  type HostReplies,
  type HostReplyEnvelope,
  type HostRequestEnvelope,
  type HostRequests,
  type HostRequestType,
} from '../protocol/messages.ts';
import type { AppSummary, DeployResult } from '../protocol/deploy.ts';
import { HOST_EVENTS_CHANNEL, type HostEvent, type LogRecord } from '../protocol/host-events.ts';
import { SERVICE_WORKER_PATH } from '../protocol/paths.ts';
import type { RequestRecord } from '../protocol/request-record.ts';
import { manifestText, resolveFiles, type DeployFile } from './deploy-files.ts';
import { kvClient, type KvClient } from './kv-client.ts';

/** What to deploy: a Spin app's manifest and files. */
export interface DeployOptions {
  /** The spin.toml text, or a URL to fetch it from. */
  manifest: string | URL;
  /** Its file name, for error messages. */
  manifestFile?: string;
  /**
   * The app's files by path relative to the manifest: each component's `source` (.wasm) and the
   * files its `files` entries mount. Bytes, Blobs or URLs.
   */
  files?: Record<string, DeployFile>;
  /** The app's name; the manifest's `[application] name` by default. */
  name?: string;
  /** Where to mount it; `/apps/<name>/` by default, `/` for the whole origin. */
  mount?: string;
  /** Variable values (what `SPIN_VARIABLE_<NAME>` is to `spin up`). */
  variables?: Record<string, string>;
  /** Key-value store labels to define besides `default`. */
  keyValueStores?: string[];
  /** Values to put in the stores once deployed, by label then key (`spin up --key-value`). */
  keyValues?: Record<string, Record<string, string | Uint8Array>>;
  /** How long a guest may run for one request, in ms, before it is answered 504; 10 000 by default. */
  requestTimeoutMs?: number;
}

export interface HostConnection {
  /** The build of the service worker that controls this page. */
  readonly build: string;
  readonly registration: ServiceWorkerRegistration;
  /** Sends one request to the controlling worker and waits for its reply. */
  request<T extends HostRequestType>(type: T, payload: HostRequests[T]): Promise<HostReplies[T]>;
  /**
   * Deploys (or redeploys, under the same name) a Spin app. Rejects with a SwerveError that
   * says what is wrong: the manifest, a component the host cannot run, a missing variable.
   */
  deploy(options: DeployOptions): Promise<DeployResult>;
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
  /** Calls `listener` with every log line and request record as it happens; returns an unsubscribe function. */
  subscribe(listener: (event: HostEvent) => void): () => void;
}

export interface ConnectOptions {
  /** The worker script; defaults to `/sw.js`. */
  scriptUrl?: string;
  /** How long to wait for the worker to take control, in milliseconds. */
  timeoutMs?: number;
}

function send<T extends HostRequestType>(
  worker: ServiceWorker,
  type: T,
  payload: HostRequests[T],
): Promise<HostReplies[T]> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<HostReplyEnvelope<T>>) => {
      channel.port1.close();
      if (event.data.ok) resolve(event.data.payload);
      else reject(new SwerveError(event.data.code ?? 'host-unavailable', event.data.error));
    };
    const envelope: HostRequestEnvelope<T> = { swerve: type, payload };
    worker.postMessage(envelope, [channel.port2]);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new SwerveError(
            'host-unavailable',
            `${what} did not happen within ${ms / 1000} s. Reload the page; if it persists, ` +
              'check the browser console for service worker errors.',
          ),
        ),
      ms,
    );
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Resolves with the worker that controls this page, asking an active worker to claim it. */
async function controller(registration: ServiceWorkerRegistration): Promise<ServiceWorker> {
  const container = navigator.serviceWorker;
  if (container.controller) return container.controller;
  const changed = new Promise<void>((resolve) =>
    container.addEventListener('controllerchange', () => resolve(), { once: true }),
  );
  // After a hard reload the page is not controlled even though the worker is active, and no
  // `controllerchange` would come by itself: ask the worker to claim us.
  const active = registration.active ?? (await container.ready).active;
  if (active && !container.controller) void send(active, 'claim', {}).catch(() => undefined);
  await changed;
  return container.controller!;
}

/** Registers the Swerve service worker and resolves once it controls this page. */
export async function connectHost(options: ConnectOptions = {}): Promise<HostConnection> {
  if (!('serviceWorker' in navigator)) {
    throw new SwerveError(
      'host-unavailable',
      'This browser cannot run Swerve: it has no service workers here (private windows and ' +
        'non-HTTPS origins other than localhost disable them). Open the page over HTTPS or on localhost.',
    );
  }
  const timeoutMs = options.timeoutMs ?? 15_000;
  const registration = await navigator.serviceWorker.register(options.scriptUrl ?? SERVICE_WORKER_PATH, {
    type: 'module',
    scope: '/',
  });
  const worker = await withTimeout(
    controller(registration),
    timeoutMs,
    'The Swerve service worker taking control',
  );
  const hello = await withTimeout(
    send(worker, 'hello', { protocol: HOST_PROTOCOL_VERSION }),
    timeoutMs,
    'The Swerve service worker answering',
  );
  if (hello.protocol !== HOST_PROTOCOL_VERSION) {
    // A worker from another deploy: fetch the new one; it takes over once installed.
    console.warn(
      `[swerve] This page speaks host protocol ${HOST_PROTOCOL_VERSION} but the service worker ` +
        `speaks ${hello.protocol}; updating the worker. Reload the page once it is done.`,
    );
    void registration.update();
  }
  const request: HostConnection['request'] = (type, payload) =>
    send(navigator.serviceWorker.controller ?? worker, type, payload);
  return {
    build: hello.build,
    registration,
    request,
    async deploy(options) {
      return request('deploy', {
        manifest: await manifestText(options.manifest),
        manifestFile: options.manifestFile,
        files: await resolveFiles(options.files ?? {}),
        name: options.name,
        mount: options.mount,
        variables: options.variables,
        keyValueStores: options.keyValueStores,
        keyValues: options.keyValues,
        requestTimeoutMs: options.requestTimeoutMs,
      });
    },
    apps: async () => (await request('apps', {})).apps,
    remove: async (name) => (await request('remove', { name })).removed,
    logs: async (sinceId) => (await request('logs', { sinceId })).records,
    requests: async (sinceId) => (await request('metrics', { sinceId })).records,
    kv: (app, label = 'default') => kvClient(request, app, label),
    subscribe(listener) {
      const channel = new BroadcastChannel(HOST_EVENTS_CHANNEL);
      channel.onmessage = (event: MessageEvent<HostEvent>) => listener(event.data);
      return () => channel.close();
    },
  };
}
