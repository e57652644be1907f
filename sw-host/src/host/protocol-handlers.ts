/**
 * Answers the host protocol (protocol/messages.ts) in whichever worker runs the host: reads
 * each request envelope, runs its handler, and replies on the message's `ports[0]` (envelopes
 * built by protocol/envelope.ts). The service worker and the dedicated runtime worker both call
 * it; only `claim` differs between them.
 */
import * as envelope from '../protocol/envelope.ts';
import {
  HOST_PROTOCOL_VERSION,
  transferablesOf,
  type HostReplies,
  type HostReplyEnvelope,
  type HostRequests,
  type HostRequestType,
} from '../protocol/messages.ts';
import { appSummary } from '../apps/app-summary.ts';
import { seedStores } from '../apps/seed-stores.ts';
import { seedSqlite } from '../apps/seed-sqlite.ts';
import { pruneArtifacts, withAppStoreLock } from '../apps/artifact-pruning.ts';
import { buildDefinition } from '../apps/deploy.ts';
import { deleteAppDatabases } from '../apps/sqlite-databases.ts';
import { pruneCodeCache } from '../core-wasm/code-cache.ts';
import { transpileComponent } from '../component/transpile-component.ts';
import { messageOf, SwerveError } from '../errors.ts';
import type { AppHost } from './app-host.ts';
import { fetchApp } from './fetch-app.ts';
import { kvHandlers } from './kv-admin.ts';
import { sqliteHandlers } from './sqlite-admin.ts';

declare const __SWERVE_BUILD__: string;

/** What a request handler can reach. */
export interface HostContext {
  host: AppHost;
  /** The origin this host runs at: app URLs in `fetch` requests resolve against it. */
  origin: string;
  /** Takes control of the asking page (service worker only). */
  claim?: () => Promise<void>;
}

/** `subscribe` is answered by the host page itself, from the origin's broadcast channel. */
type RuntimeRequestType = Exclude<HostRequestType, 'subscribe'>;

type Handlers = {
  [T in RuntimeRequestType]: (context: HostContext, payload: HostRequests[T]) => Promise<HostReplies[T]>;
};

const handlers: Handlers = {
  async hello({ host }) {
    return { protocol: HOST_PROTOCOL_VERSION, build: __SWERVE_BUILD__, durable: host.store.durable };
  },
  async claim({ claim }) {
    if (!claim) throw new SwerveError('host-unavailable', 'Only a service worker can claim a page.');
    await claim();
    return { claimed: true };
  },
  async metrics({ host }, { sinceId }) {
    return { records: host.events.requests.since(sinceId) };
  },
  async logs({ host }, { sinceId }) {
    return { records: host.events.logs.since(sinceId) };
  },
  // Deploys and removals hold the app store's lock, and prune what they left unused before
  // letting go (apps/artifact-pruning.ts).
  deploy: ({ host }, request) =>
    withAppStoreLock(async () => {
      const definition = await buildDefinition(request, {
        store: host.store,
        transpile: transpileComponent,
        transpiled: (label, version, transpiled) => host.preload(label, version, transpiled),
        fetch,
      });
      const { app, warnings } = await host.registry.deploy(definition);
      await seedStores(app, request.keyValues ?? {});
      await seedSqlite(app, request.sqlite ?? []);
      host.events.log({ level: 'info', source: 'host', app: app.name, message: `Deployed at ${app.mount}.` });
      await pruneQuietly(host);
      return { app: appSummary(app), warnings };
    }),
  async apps({ host }) {
    await host.registry.load();
    return { apps: host.registry.list().map(appSummary) };
  },
  remove: ({ host }, { name }) =>
    withAppStoreLock(async () => {
      const removed = await host.registry.remove(name);
      // Its data goes with it: a later app of the same name must not find it.
      if (removed) await deleteAppDatabases(name);
      if (removed) await pruneQuietly(host);
      return { removed };
    }),
  fetch: ({ host, origin }, request) => fetchApp(host, origin, request),
  ...kvHandlers,
  ...sqliteHandlers,
};

/** Storage left behind costs only space: a prune that fails is logged, never fails the deploy. */
async function pruneQuietly(host: AppHost): Promise<void> {
  try {
    await pruneArtifacts(host.store, pruneCodeCache);
  } catch (error) {
    host.events.log({
      level: 'warn',
      source: 'host',
      message: `Could not delete unused components from storage: ${messageOf(error)}`,
    });
  }
}

/** A failed request's reply; anything but a `SwerveError` is a host bug: its stack goes to the console. */
function failure(error: unknown): HostReplyEnvelope {
  if (!(error instanceof SwerveError)) console.error(error);
  return envelope.fail(error);
}

/** Answers one message, if it is a request of ours; replies on its first port. */
export async function handleHostMessage(context: HostContext, data: unknown, ports: readonly MessagePort[]) {
  const port = ports[0];
  if (envelope.isOtherVersion(data)) {
    port?.postMessage(
      failure(
        new SwerveError(
          'protocol-mismatch',
          `This host speaks protocol ${HOST_PROTOCOL_VERSION}, the page another: they come from different ` +
            'builds. Reload the page to get the current one.',
        ),
      ),
    );
    return;
  }
  if (!envelope.isEnvelope(data, 'request')) return;
  let reply: HostReplyEnvelope;
  try {
    const handler = handlers[data.type as RuntimeRequestType] as
      ((context: HostContext, payload: unknown) => Promise<unknown>) | undefined;
    if (!handler) {
      throw new SwerveError(
        'protocol-mismatch',
        `Unknown request "${data.type}": the page and the host come from different builds. Reload the page.`,
      );
    }
    const payload = (await handler(context, data.payload)) as HostReplies[HostRequestType];
    reply = envelope.ok(payload);
  } catch (error) {
    reply = failure(error);
  }
  port?.postMessage(reply, transferablesOf(reply));
}
