import { describe, expect, it } from 'vitest';
import type { PreparedComponent } from '../protocol/deploy.ts';
import type { AppStore } from './app-store.ts';
import { buildDefinition, type DeployDependencies } from './deploy.ts';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "served"
[[trigger.http]]
route = "/..."
component = "web"
[component.web]
source = "web.wasm"
files = ["page.html"]
`;

const prepared: PreparedComponent = {
  version: 'up-abc',
  glue: '/_swerve/components/up/abc/component.js',
  coreModules: { 'component.core.wasm': '/_swerve/components/up/abc/component.core.wasm' },
};

/** Anything that would transpile or fetch fails the test: a prepared component needs neither. */
const deps: DeployDependencies = {
  store: {} as AppStore,
  transpile: () => Promise.reject(new Error('transpiled in the browser')),
  fetch: () => Promise.reject(new Error('fetched')),
};

describe('a deploy with components its server prepared', () => {
  it('serves them from their URLs, without their bytes, and keeps the other files', async () => {
    const definition = await buildDefinition(
      {
        manifest: MANIFEST,
        files: { 'page.html': new TextEncoder().encode('<h1>hi</h1>') },
        prepared: { web: prepared },
        version: 'folder-1',
      },
      deps,
    );
    expect(definition.components['web']).toEqual({ kind: 'url', ...prepared });
    expect(Object.keys(definition.files)).toEqual(['page.html']);
    expect(definition.version).toBe('folder-1');
  });

  it('keeps the mark of a WASI 0.3 component, so a guest pool gives its runs to one worker', async () => {
    const definition = await buildDefinition(
      {
        manifest: MANIFEST,
        files: {},
        prepared: { web: { ...prepared, wasiP3: true } },
        version: 'folder-1',
      },
      deps,
    );
    expect(definition.components['web']).toEqual({ kind: 'url', ...prepared, wasiP3: true });
  });

  it.each([
    ['another origin', { ...prepared, glue: 'https://elsewhere.example/component.js' }],
    ["the app's own paths", { ...prepared, glue: '/component.js' }],
    ['a way out of the prefix', { ...prepared, glue: '/_swerve/components/../../x.js' }],
    ['a protocol-relative URL', { ...prepared, coreModules: { 'a.wasm': '//elsewhere.example/a.wasm' } }],
    ['no core module', { ...prepared, coreModules: {} }],
  ])('refuses artifacts at %s', async (_, bad) => {
    await expect(
      buildDefinition({ manifest: MANIFEST, files: {}, prepared: { web: bad as PreparedComponent } }, deps),
    ).rejects.toThrow(/prepared artifacts must be paths under \/_swerve\/components\/ of this origin/);
  });
});

describe('deploy options the host cannot use', () => {
  it.each([
    [{ name: 'Not_A_Name' }, 'Cannot deploy an app named "Not_A_Name"'],
    [{ mount: '/_swerve/x' }, 'Cannot mount an app at "/_swerve/x"'],
    [{ mount: '/a/../b' }, 'Cannot mount an app at "/a/../b"'],
  ])('%o is a deploy-invalid error saying what was wrong', async (option, message) => {
    await expect(buildDefinition({ manifest: MANIFEST, files: {}, ...option }, deps)).rejects.toMatchObject({
      code: 'deploy-invalid',
      message: expect.stringContaining(message),
    });
  });
});
