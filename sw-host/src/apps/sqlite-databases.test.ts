import { describe, expect, it } from 'vitest';
import type { AppDefinition } from './app-definition.ts';
import { DeployedApp } from './deployed-app.ts';
import { appDatabase } from './sqlite-databases.ts';

const definition = (name: string, databases: string[]): AppDefinition => ({
  name,
  mount: '/',
  manifestText:
    `spin_manifest_version = 2\n[application]\nname = "${name}"\n[[trigger.http]]\nroute = "/..."\n` +
    `component = "web"\n[component.web]\nsource = "web.wasm"\nsqlite_databases = ${JSON.stringify(databases)}\n`,
  manifestFile: 'spin.toml',
  variables: {},
  keyValueStores: [],
  components: { web: { kind: 'stored', version: 'v1' } },
  files: {},
  origin: 'deployed',
  deployedAt: 0,
});

describe("an app's SQLite databases", () => {
  it('refuses at deploy a label no database defines, as spin up refuses to start', () => {
    expect(() => DeployedApp.prepare(definition('shop', ['default', 'orders']))).toThrow(
      'shop/web lists SQLite database "orders", which no database defines. Swerve gives every app one SQLite database, "default"',
    );
  });

  it('gives each app its own default database, and no other', () => {
    const shop = DeployedApp.prepare(definition('shop', ['default'])).app;
    const blog = DeployedApp.prepare(definition('blog', ['default'])).app;
    expect(appDatabase(shop, 'default')).toBe(appDatabase(shop, 'default'));
    expect(appDatabase(shop, 'default')).not.toBe(appDatabase(blog, 'default'));
    expect(appDatabase(shop, 'default')?.lockName).not.toBe(appDatabase(blog, 'default')?.lockName);
    expect(appDatabase(shop, 'orders')).toBeUndefined();
  });
});
