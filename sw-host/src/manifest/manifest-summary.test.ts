import { describe, expect, it } from 'vitest';
import { summariseManifest } from './manifest-summary.ts';

describe('the lenient manifest summary', () => {
  it("lists each component's source and file mounts as written, skipping entries that do not fit", () => {
    const summary = summariseManifest(`spin_manifest_version = 2
[application]
name = "site"
[component.web]
source = "runner.wasm"
files = ["static/**/*.html", { source = "src", destination = "/" }, 42, { destination = "/x" }]
[component.api]
source = { url = "https://example.com/api.wasm", digest = "sha256:00" }
`);
    expect(summary?.sources).toEqual({ web: 'runner.wasm' });
    expect(summary?.files).toEqual({
      web: ['static/**/*.html', { source: 'src', destination: '/' }],
      api: [],
    });
  });

  it('lists the SQLite databases any component is granted, once each', () => {
    const summary = summariseManifest(`spin_manifest_version = 2
[component.a]
sqlite_databases = ["default", "cache", 3]
[component.b]
sqlite_databases = ["default"]
`);
    expect(summary?.sqliteDatabases).toEqual(['cache', 'default']);
  });

  it('still summarises a manifest the strict parser refuses (being typed)', () => {
    const summary = summariseManifest('[application]\nname = "half"\n[component.a]\nsource = 7\n');
    expect(summary?.name).toBe('half');
    expect(summary?.sources).toEqual({});
  });
});
