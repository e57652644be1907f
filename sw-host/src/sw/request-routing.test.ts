import { describe, expect, it } from 'vitest';
import type { AppDefinition } from '../apps/app-definition.ts';
import { AppRegistry } from '../apps/app-registry.ts';
import type { AppStore } from '../apps/app-store.ts';
import type { DeployedApp } from '../apps/deployed-app.ts';
import type { AppHost } from '../host/app-host.ts';
import { fetchApp } from '../host/fetch-app.ts';
import { RequestRouting } from './request-routing.ts';

const ORIGIN = 'http://blog.swerve.localhost:4173';

const definition = (name: string, mount: string, origin: AppDefinition['origin']): AppDefinition => ({
  name,
  mount,
  manifestText:
    `spin_manifest_version = 2\n[application]\nname = "${name}"\n[[trigger.http]]\nroute = "/..."\n` +
    `component = "web"\n[component.web]\nsource = "web.wasm"\n`,
  manifestFile: 'spin.toml',
  variables: {},
  keyValueStores: [],
  components: { web: { kind: 'stored', version: 'v1' } },
  files: {},
  origin,
  deployedAt: 0,
});

/** A site app at `/` and an app deployed from a page at `/apps/echo/`. */
async function registry(): Promise<AppRegistry> {
  const store = { definitions: async () => [definition('echo', '/apps/echo/', 'deployed')] };
  const apps = new AppRegistry(
    store as unknown as AppStore,
    async () => [definition('root', '/', 'site')],
    () => {},
  );
  await apps.load();
  return apps;
}

/** What a fetch event for `path` is routed to (a request of no document: no client id). */
function byFetchEvent(apps: AppRegistry, path: string) {
  const routing = new RequestRouting(apps, {} as Clients, ORIGIN);
  const decision = routing.decide(new Request(new URL(path, ORIGIN)), '');
  return decision.kind === 'app'
    ? { app: decision.app.name, pathInApp: decision.pathInApp }
    : { kind: decision.kind };
}

/** What the host protocol's `fetch` of `path` hands to the app host, or its status when none. */
async function byProtocolFetch(apps: AppRegistry, path: string) {
  let served: { app: string; pathInApp: string } | undefined;
  const host = {
    registry: apps,
    handle: async (_request: Request, app: DeployedApp, pathInApp: string) => {
      served = { app: app.name, pathInApp };
      return new Response('served');
    },
  } as unknown as AppHost;
  const reply = await fetchApp(host, ORIGIN, { url: path, method: 'GET', headers: [] });
  return served ?? { status: reply.status };
}

describe('the two entrances decide the app alike', () => {
  it.each([
    ['/', 'root', '/'],
    ['/posts/1?draft=no', 'root', '/posts/1?draft=no'],
    ['/apps/echo', 'echo', '/'],
    ['/apps/echo/x?y=1', 'echo', '/x?y=1'],
  ])('%s goes to %s as %s, as a fetch event and as a protocol fetch', async (path, app, pathInApp) => {
    const apps = await registry();
    expect(byFetchEvent(apps, path)).toEqual({ app, pathInApp });
    expect(await byProtocolFetch(apps, path)).toEqual({ app, pathInApp });
  });

  it.each(['/_swerve/host.html', '/sw.js'])(
    "%s, Swerve's own, reaches no app either way, not even one mounted at /",
    async (path) => {
      const apps = await registry();
      expect(byFetchEvent(apps, path)).toEqual({ kind: 'pass' });
      expect(await byProtocolFetch(apps, path)).toEqual({ status: 404 });
    },
  );

  it('a path under /apps/ where no app is mounted is a 404 from the host either way', async () => {
    const store = { definitions: async () => [definition('echo', '/apps/echo/', 'deployed')] };
    const apps = new AppRegistry(
      store as unknown as AppStore,
      async () => [],
      () => {},
    );
    await apps.load();
    expect(byFetchEvent(apps, '/apps/other/x')).toEqual({ kind: 'no-app' });
    expect(await byProtocolFetch(apps, '/apps/other/x')).toEqual({ status: 404 });
  });
});
