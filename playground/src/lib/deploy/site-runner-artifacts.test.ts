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

const files = { 'other.wasm': new Uint8Array([1]), 'src/index.js': 'x' };
const runnerFile = async () => new Uint8Array([0, 97, 115, 109]);

describe("the site's published runner in a deploy", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('deploys the components that run it from the published artifacts, without its bytes', async () => {
    const { withSiteRunner } = await load({ build: 'b', apps: [{ name: 'runner', components: { runner } }] });
    const options = await withSiteRunner({ manifest: MANIFEST, files }, ['runner.wasm'], runnerFile);
    expect(options.prepared).toEqual({
      handler: { version: 'r1', glue: runner.glue, coreModules: runner.coreModules },
    });
    expect(Object.keys(options.files ?? {}).sort()).toEqual(['other.wasm', 'src/index.js']);
  });

  it("sends the runner's bytes when the site publishes no runner", async () => {
    const { withSiteRunner } = await load({ build: 'b', apps: [] });
    const options = await withSiteRunner({ manifest: MANIFEST, files }, ['runner.wasm'], runnerFile);
    expect(options.prepared).toBeUndefined();
    expect(options.files?.['runner.wasm']).toEqual(await runnerFile());
  });
});
