import { afterEach, describe, expect, it, vi } from 'vitest';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "js"
[[trigger.http]]
route = "/..."
component = "handler"
[[trigger.http]]
route = "/other/..."
component = "other"
[component.handler]
source = "runner.wasm"
files = [{ source = "src", destination = "/" }]
[component.other]
source = "other.wasm"
`;

const runner = {
  version: 'r1',
  glue: '/_swerve/components/runner/runner-r1/component.js',
  coreModules: { 'component.core.wasm': '/_swerve/components/runner/runner-r1/component.core.wasm' },
  componentBytes: 14,
};

async function load(catalog: unknown) {
  vi.resetModules();
  vi.stubGlobal('fetch', async () => Response.json(catalog));
  return import('./site-runner-artifacts.ts');
}

describe("the site's published runner in a deploy", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('replaces the runner file of the components that run it, and keeps every other file', async () => {
    const { withSiteRunner } = await load({ build: 'b', apps: [{ name: 'runner', components: { runner } }] });
    const files = { 'runner.wasm': new Uint8Array(), 'other.wasm': new Uint8Array([1]), 'src/index.js': 'x' };
    const options = await withSiteRunner({ manifest: MANIFEST, files }, (path) => path === 'runner.wasm');
    expect(options.prepared).toEqual({
      handler: { version: 'r1', glue: runner.glue, coreModules: runner.coreModules },
    });
    expect(Object.keys(options.files ?? {}).sort()).toEqual(['other.wasm', 'src/index.js']);
  });

  it('leaves the deploy as it is when the site publishes no runner', async () => {
    const { withSiteRunner } = await load({ build: 'b', apps: [] });
    const options = { manifest: MANIFEST, files: { 'runner.wasm': new Uint8Array([0]) } };
    expect(await withSiteRunner(options, () => true)).toBe(options);
  });
});
