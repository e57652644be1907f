import { describe, expect, it } from 'vitest';
import type { AppDefinition } from './app-definition.ts';
import { MemoryAppStore, type StoredArtifacts } from './app-store.ts';
import { pruneArtifacts, withAppStoreLock } from './artifact-pruning.ts';

const artifacts: StoredArtifacts = { glue: 'export {}', coreModules: { 'a.core.wasm': new Uint8Array([0]) } };

function definition(name: string, versions: string[]): AppDefinition {
  return {
    name,
    mount: '/',
    manifestText: '',
    manifestFile: 'spin.toml',
    variables: {},
    components: Object.fromEntries(versions.map((version, i) => [`c${i}`, { kind: 'stored', version }])),
    keyValueStores: [],
    files: {},
    origin: 'deployed',
    deployedAt: 0,
  };
}

describe('pruneArtifacts', () => {
  it('deletes the artifacts no stored app uses, and tells the code cache what to keep', async () => {
    const store = new MemoryAppStore();
    for (const version of ['old', 'shared', 'mine', 'removed-app'])
      await store.saveArtifacts(version, artifacts);
    await store.saveDefinition(definition('a', ['shared', 'mine']));
    await store.saveDefinition(definition('b', ['shared']));
    let keptCompiled: string[] = [];

    const removed = await pruneArtifacts(store, async (inUse) => {
      keptCompiled = [...inUse].sort();
    });

    expect(removed.sort()).toEqual(['old', 'removed-app']);
    expect((await store.artifactVersions()).sort()).toEqual(['mine', 'shared']);
    expect(keptCompiled).toEqual(['mine', 'shared']);
  });

  it('never deletes what a deploy in progress stored before its definition, when both hold the lock', async () => {
    const store = new MemoryAppStore();
    let definitionSaved!: () => void;
    const paused = new Promise<void>((resolve) => (definitionSaved = resolve));
    // A deploy stores its component, then (later) the definition naming it.
    const deploy = withAppStoreLock(async () => {
      await store.saveArtifacts('new', artifacts);
      await paused;
      await store.saveDefinition(definition('a', ['new']));
    });
    const prune = withAppStoreLock(() => pruneArtifacts(store));
    await new Promise((resolve) => setTimeout(resolve, 10));
    definitionSaved();
    await deploy;

    expect(await prune).toEqual([]);
    expect(await store.artifactVersions()).toEqual(['new']);
  });
});
