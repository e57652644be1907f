import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest/index.ts';
import { FileHasher } from './app-version.ts';
import { PREPARED_PATH, PreparedComponents } from './prepared-components.ts';

const fixtures = fileURLToPath(new URL('../../../components/fixtures/', import.meta.url));

/** The app of a fixture folder, as load-app.ts reads it (only what `prepare` looks at). */
async function fixtureApp(folder: string) {
  const dir = join(fixtures, folder);
  const manifest = parseManifest(await readFile(join(dir, 'spin.toml'), 'utf8'), 'spin.toml');
  const deployFiles = new Map<string, string>();
  const served = new Map<string, string>();
  for (const component of Object.values(manifest.components)) {
    if (component.source.kind !== 'local') continue;
    deployFiles.set(component.source.path, component.source.path);
    served.set(component.source.path, join(dir, component.source.path));
  }
  return { name: folder, manifest, served, deployFiles };
}

describe('PreparedComponents (swerve up transpiles in Node)', () => {
  let cacheDir: string;
  beforeEach(async () => (cacheDir = await mkdtemp(join(tmpdir(), 'swerve-prepared-'))));
  afterEach(() => rm(cacheDir, { recursive: true, force: true }));

  it('transpiles a component once and serves its glue and core modules from the cache', async () => {
    const log: string[] = [];
    const prepared = new PreparedComponents(cacheDir, 'test-build', new FileHasher());
    const { 'http-p3': entry } = await prepared.prepare(await fixtureApp('http-p3'), (line) =>
      log.push(line),
    );
    expect(entry?.glue).toMatch(new RegExp(`^${PREPARED_PATH}[0-9a-f]{24}-test-build/component\\.js$`));
    expect(Object.keys(entry!.coreModules).length).toBeGreaterThan(0);
    // A WASI 0.3 component: the host gives all its runs to one guest worker (instance reuse).
    expect(entry?.wasiP3).toBe(true);
    expect(prepared.file(entry!.glue)).toBeDefined();
    expect(log).toEqual([expect.stringMatching(/^Transpiled http-p3\/http-p3 for the browser in /)]);

    // A later start (a new instance over the same cache) reads it from disk, silently.
    const again = new PreparedComponents(cacheDir, 'test-build', new FileHasher());
    const later: string[] = [];
    expect((await again.prepare(await fixtureApp('http-p3'), (line) => later.push(line)))['http-p3']).toEqual(
      entry,
    );
    expect(later).toEqual([]);

    // A WASI 0.2 component carries no such mark.
    const { minimal } = await prepared.prepare(await fixtureApp('minimal'), () => undefined);
    expect(minimal).toBeDefined();
    expect(minimal?.wasiP3).toBeUndefined();
  });

  it('fails with the browser’s message for a component only transpiling shows it cannot run, and stores nothing', async () => {
    const prepared = new PreparedComponents(cacheDir, 'test-build', new FileHasher());
    const app = await fixtureApp('http-p3-sync-write');
    const message =
      'http-p3-sync-write/sync-write writes a stream with a blocking (synchronous) stream.write, ' +
      'which Swerve cannot run yet';
    await expect(prepared.prepare(app, () => undefined)).rejects.toThrow(message);
    // Asked again (every listing asks), it says the same.
    await expect(prepared.prepare(app, () => undefined)).rejects.toThrow(message);
    expect(await readdir(cacheDir)).toEqual([]);
  });
});
