import { describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest/index.ts';
import { componentsToRebuild, isIgnored, watchedComponents } from './watch-plan.ts';

const manifest = parseManifest(
  `spin_manifest_version = 2
[application]
name = "watched"
[[trigger.http]]
route = "/api/..."
component = "api"
[[trigger.http]]
route = "/..."
component = "web"
[[trigger.http]]
route = "/static/..."
component = "assets"
[component.api]
source = "api/target/api.wasm"
[component.api.build]
command = "cargo build --target wasm32-wasip2 --release"
workdir = "api"
watch = ["src/**/*.rs", "Cargo.toml"]
[component.web]
source = "web.wasm"
[component.web.build]
command = "npm run build"
watch = ["web/**/*.{js,ts}"]
[component.assets]
source = "fileserver.wasm"
files = [{ source = "static", destination = "/" }]
[component.assets.build]
command = "true"
`,
  'spin.toml',
);

describe('swerve watch', () => {
  const components = watchedComponents(manifest, '/app');

  it('watches the components that have both build commands and globs', () => {
    expect(components.map((c) => c.id)).toEqual(['api', 'web']);
  });

  it('rebuilds a component when a file matches its globs, relative to its workdir', () => {
    expect(componentsToRebuild(components, '/app/api/src/handlers/users.rs')).toEqual(['api']);
    expect(componentsToRebuild(components, '/app/api/Cargo.toml')).toEqual(['api']);
    expect(componentsToRebuild(components, '/app/web/lib/index.ts')).toEqual(['web']);
  });

  it('rebuilds nothing for files outside every glob (outputs, other folders, other workdirs)', () => {
    expect(componentsToRebuild(components, '/app/api/target/api.wasm')).toEqual([]);
    expect(componentsToRebuild(components, '/app/src/main.rs')).toEqual([]);
    expect(componentsToRebuild(components, '/app/web/readme.md')).toEqual([]);
    expect(componentsToRebuild(components, '/other/api/src/x.rs')).toEqual([]);
  });

  it('ignores dependency and build folders anywhere in the app', () => {
    expect(isIgnored('/app', '/app/node_modules/x/index.js')).toBe(true);
    expect(isIgnored('/app', '/app/api/target/release/api.wasm')).toBe(true);
    expect(isIgnored('/app', '/app/web/index.ts')).toBe(false);
  });
});
