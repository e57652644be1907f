import { describe, expect, it } from 'vitest';
import type { AppDefinition } from './app-definition.ts';
import { AppRegistry } from './app-registry.ts';
import type { AppStore } from './app-store.ts';

const manifest = (name: string) =>
  `spin_manifest_version = 2\n[application]\nname = "${name}"\n[[trigger.http]]\nroute = "/..."\n` +
  `component = "web"\n[component.web]\nsource = "web.wasm"\n`;

const definition = (name: string, mount: string): AppDefinition => ({
  name,
  mount,
  manifestText: manifest(name),
  manifestFile: 'spin.toml',
  variables: {},
  keyValueStores: [],
  components: { web: { kind: 'stored', version: 'v1' } },
  files: {},
  origin: 'site',
  deployedAt: 0,
});

/** A store with nothing deployed; these tests only use site apps. */
const emptyStore = { definitions: async () => [], saveDefinition: async () => {} } as unknown as AppStore;

async function registryOf(...definitions: AppDefinition[]) {
  const registry = new AppRegistry(
    emptyStore,
    async () => definitions,
    () => {},
  );
  await registry.load();
  return registry;
}

describe('AppRegistry.match', () => {
  it.each([
    ['/apps/echo/', 'echo'],
    ['/apps/echo', 'echo'],
    ['/apps/echo/x/y', 'echo'],
    ['/apps/echo-two/x', 'echo-two'],
  ])('%s is served by %s', async (path, name) => {
    const registry = await registryOf(
      definition('echo', '/apps/echo/'),
      definition('echo-two', '/apps/echo-two/'),
    );
    expect(registry.match(path)?.name).toBe(name);
  });

  it.each(['/apps/', '/apps/echoes', '/apps/ech', '/echo/'])('%s is no app', async (path) => {
    const registry = await registryOf(
      definition('echo', '/apps/echo/'),
      definition('echo-two', '/apps/echo-two/'),
    );
    expect(registry.match(path)).toBeUndefined();
  });

  it('prefers the longest mount, so an app at / does not shadow the others', async () => {
    const registry = await registryOf(definition('root', '/'), definition('echo', '/apps/echo/'));
    expect(registry.match('/apps/echo/x')?.name).toBe('echo');
    expect(registry.match('/anything')?.name).toBe('root');
  });

  it('skips an app that cannot be prepared and keeps serving the others', async () => {
    const broken = { ...definition('broken', '/apps/broken/'), manifestText: 'not toml = [' };
    const logged: string[] = [];
    const registry = new AppRegistry(
      emptyStore,
      async () => [broken, definition('echo', '/apps/echo/')],
      (_, m) => logged.push(m),
    );
    await registry.load();
    expect(registry.match('/apps/echo/')?.name).toBe('echo');
    expect(registry.match('/apps/broken/')).toBeUndefined();
    expect(logged.join('\n')).toMatch(/App "broken" could not be loaded/);
  });
});

describe('DeployedApp.pathWithin', () => {
  it.each([
    ['https://h/apps/echo/x?y=1', '/x?y=1'],
    ['https://h/apps/echo/', '/'],
    ['https://h/apps/echo', '/'],
    ['https://h/apps/echo/a/b/?q', '/a/b/?q'],
  ])('%s is %s inside the app', async (url, expected) => {
    const registry = await registryOf(definition('echo', '/apps/echo/'));
    expect(registry.get('echo')!.pathWithin(new URL(url))).toBe(expected);
  });

  it('keeps the whole path for an app mounted at /', async () => {
    const registry = await registryOf(definition('root', '/'));
    expect(registry.get('root')!.pathWithin(new URL('https://h/a/b?c'))).toBe('/a/b?c');
  });
});

describe('AppRegistry.load', () => {
  it('tries again after a failed load instead of keeping the failure', async () => {
    let failures = 1;
    const flakyStore = {
      durable: false,
      definitions: async () => {
        if (failures-- > 0) throw new Error('IndexedDB is unavailable for a moment');
        return [{ ...definition('kept', '/'), origin: 'deployed' as const }];
      },
    } as unknown as AppStore;
    const registry = new AppRegistry(
      flakyStore,
      async () => [],
      () => {},
    );
    await expect(registry.load()).rejects.toThrow('unavailable for a moment');
    expect(registry.loaded).toBe(false);
    await registry.load();
    expect(registry.list().map((app) => app.name)).toEqual(['kept']);
  });
});

describe('AppRegistry refusals', () => {
  it('refuses a deploy at a mount another app holds, and removing a site app, each with its own code', async () => {
    const registry = await registryOf(definition('echo', '/apps/echo/'));
    await expect(registry.deploy(definition('other', '/apps/echo/'))).rejects.toMatchObject({
      code: 'mount-taken',
      message: expect.stringContaining('Choose another mount, or remove that app first'),
    });
    await expect(registry.remove('echo')).rejects.toMatchObject({ code: 'app-protected' });
  });
});
