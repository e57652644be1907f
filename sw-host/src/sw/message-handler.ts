/**
 * Answers the page ↔ worker protocol (protocol/messages.ts): unwraps each request envelope,
 * runs it, and replies on the message's `ports[0]`.
 */
/// <reference lib="webworker" />
import {
  HOST_PROTOCOL_VERSION,
  isHostRequest,
  type HostReplies,
  type HostReplyEnvelope,
  type HostRequestEnvelope,
  type HostRequests,
} from '../protocol/messages.ts';
import { appSummary } from '../apps/app-summary.ts';
import { seedStores } from '../apps/seed-stores.ts';
import { buildDefinition } from '../apps/deploy.ts';
import { transpileComponent } from '../component/transpile-component.ts';
import { SwerveError } from '../errors.ts';
import type { AppHost } from './app-host.ts';
import { kvHandlers } from './kv-admin.ts';

declare const __SWERVE_BUILD__: string;

/** What a request handler can reach. */
export interface HostContext {
  scope: ServiceWorkerGlobalScope;
  host: AppHost;
}

type Handlers = {
  [T in keyof HostRequests]: (context: HostContext, payload: HostRequests[T]) => Promise<HostReplies[T]>;
};

const handlers: Handlers = {
  async hello() {
    return { protocol: HOST_PROTOCOL_VERSION, build: __SWERVE_BUILD__ };
  },
  async claim({ scope }) {
    await scope.clients.claim();
    return { claimed: true };
  },
  async metrics({ host }, { sinceId }) {
    return { records: host.events.requests.since(sinceId) };
  },
  async logs({ host }, { sinceId }) {
    return { records: host.events.logs.since(sinceId) };
  },
  async deploy({ host }, request) {
    const definition = await buildDefinition(request, {
      store: host.store,
      transpile: transpileComponent,
      transpiled: (label, version, transpiled) => host.preload(label, version, transpiled),
      fetch,
    });
    const { app, warnings } = await host.registry.deploy(definition);
    await seedStores(app, request.keyValues ?? {});
    host.events.log({ level: 'info', source: 'host', app: app.name, message: `Deployed at ${app.mount}.` });
    return { app: appSummary(app), warnings };
  },
  async apps({ host }) {
    await host.registry.load();
    return { apps: host.registry.list().map(appSummary) };
  },
  async remove({ host }, { name }) {
    return { removed: await host.registry.remove(name) };
  },
  ...kvHandlers,
};

export async function handleHostMessage(context: HostContext, event: ExtendableMessageEvent) {
  if (!isHostRequest(event.data)) return;
  const port = event.ports[0];
  const { swerve, payload } = event.data as HostRequestEnvelope;
  let reply: HostReplyEnvelope;
  try {
    const handler = handlers[swerve] as (context: HostContext, payload: unknown) => Promise<unknown>;
    if (!handler)
      throw new Error(`Unknown request "${swerve}": the page and the worker come from different builds.`);
    reply = { ok: true, payload: (await handler(context, payload)) as HostReplies[typeof swerve] };
  } catch (error) {
    reply = {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      code: error instanceof SwerveError ? error.code : undefined,
    };
    if (!(error instanceof SwerveError)) console.error(error);
  }
  port?.postMessage(reply);
}
