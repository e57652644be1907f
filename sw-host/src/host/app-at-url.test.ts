import { describe, expect, it } from 'vitest';
import type { AppDefinition } from '../apps/app-definition.ts';
import { AppRegistry } from '../apps/app-registry.ts';
import type { AppStore } from '../apps/app-store.ts';
import { appAtUrl, type AppAtUrl } from './app-at-url.ts';

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

/** A registry with `site` apps published with the site and `deployed` ones stored from pages. */
async function registryOf(site: AppDefinition[], deployed: AppDefinition[] = []): Promise<AppRegistry> {
  const store = { definitions: async () => deployed } as unknown as AppStore;
  const registry = new AppRegistry(
    store,
    async () => site,
    () => {},
  );
  await registry.load();
  return registry;
}

/** The decision for `path` at ORIGIN, with the app named rather than held. */
function decide(registry: AppRegistry, path: string, origin = ORIGIN) {
  const named: AppAtUrl = appAtUrl(registry, ORIGIN, new URL(path, origin));
  return named.kind === 'app' ? { kind: 'app', app: named.app.name, pathInApp: named.pathInApp } : named;
}

describe('appAtUrl', () => {
  it('gives the app whose mount holds the path, with the path and query as the app sees them', async () => {
    const registry = await registryOf([definition('root', '/', 'site')]);
    expect(decide(registry, '/')).toEqual({ kind: 'app', app: 'root', pathInApp: '/' });
    expect(decide(registry, '/posts/1?draft=no')).toEqual({
      kind: 'app',
      app: 'root',
      pathInApp: '/posts/1?draft=no',
    });
  });

  it('prefers the longest mount, whether the app came with the site or was deployed from a page', async () => {
    const registry = await registryOf(
      [definition('root', '/', 'site')],
      [definition('echo', '/apps/echo/', 'deployed')],
    );
    expect(decide(registry, '/apps/echo/x?y=1')).toEqual({ kind: 'app', app: 'echo', pathInApp: '/x?y=1' });
    // The mount without its slash is the app's root, as the fetch-event path always treated it.
    expect(decide(registry, '/apps/echo')).toEqual({ kind: 'app', app: 'echo', pathInApp: '/' });
    expect(decide(registry, '/apps/echoes')).toEqual({ kind: 'app', app: 'root', pathInApp: '/apps/echoes' });
  });

  it("never gives Swerve's own paths to an app, not even one mounted at /", async () => {
    const registry = await registryOf([definition('root', '/', 'site')]);
    for (const path of ['/_swerve/host.html', '/_swerve/client.js', '/sw.js']) {
      expect(decide(registry, path)).toEqual({ kind: 'reserved' });
    }
  });

  it("never gives another origin's URL to this origin's apps", async () => {
    const registry = await registryOf([definition('root', '/', 'site')]);
    expect(decide(registry, '/', 'http://other.swerve.localhost:4173')).toEqual({ kind: 'other-origin' });
  });

  it('says where no app is mounted, and whether the host itself answers there (under /apps/)', async () => {
    const registry = await registryOf([], [definition('echo', '/apps/echo/', 'deployed')]);
    expect(decide(registry, '/apps/other/x')).toEqual({ kind: 'no-app', underAppsRoot: true });
    expect(decide(registry, '/style.css')).toEqual({ kind: 'no-app', underAppsRoot: false });
  });

  it('asks to load the apps first rather than answer from a registry that is still empty', () => {
    const store = { definitions: async () => [] } as unknown as AppStore;
    const registry = new AppRegistry(
      store,
      async () => [definition('root', '/', 'site')],
      () => {},
    );
    expect(decide(registry, '/')).toEqual({ kind: 'loading' });
    // Reserved and foreign URLs are known without the apps.
    expect(decide(registry, '/_swerve/host.html')).toEqual({ kind: 'reserved' });
  });
});
