/**
 * Saving as the page goes: changes still waiting for their save are kept synchronously, and the
 * next load takes them back when IndexedDB did not get them in time.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadProjects, saveProject } from '../project/project-db.ts';
import type { Project } from '../project/project.ts';
import { keepUnsaved } from '../project/unsaved-projects.ts';
import { Workspace } from './Workspace.svelte.ts';

const stored = (text: string, updatedAt: number): Project => ({
  id: 'p1',
  name: 'p1',
  key: 'k1',
  source: 'js:hello',
  files: [
    { path: 'spin.toml', kind: 'text', text: 'spin_manifest_version = 2' },
    { path: 'src/index.js', kind: 'text', text },
  ],
  variables: {},
  runOnEdit: true,
  request: { method: 'GET', path: '/', headers: '', body: '' },
  history: [],
  openPath: 'src/index.js',
  createdAt: 0,
  updatedAt,
});

const handlerText = (workspace: Workspace) =>
  workspace.current?.files.find((file) => file.path === 'src/index.js');

describe('Workspace saves as the page goes', () => {
  let items: Map<string, string>;
  beforeEach(() => {
    items = new Map();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps an edit still waiting for its save synchronously when the page goes', async () => {
    await saveProject(stored('before', 1));
    const workspace = new Workspace();
    await workspace.load();
    workspace.setText('src/index.js', 'typed just now');
    workspace.flushPending();
    // Kept before any await: nothing after the page's last event runs.
    const kept = JSON.parse(items.get('swerve-playground:unsaved') ?? '[]') as Project[];
    expect(kept.map((project) => project.files[1])).toEqual([
      { path: 'src/index.js', kind: 'text', text: 'typed just now' },
    ]);
    // Once IndexedDB has it, the copy is dropped.
    await vi.waitFor(() => expect(workspace.saveState).toBe('saved'));
    expect(items.has('swerve-playground:unsaved')).toBe(false);
    expect((await loadProjects())[0]!.files[1]).toMatchObject({ text: 'typed just now' });
  });

  it('takes back at load a kept copy newer than what IndexedDB has, and writes it there', async () => {
    await saveProject(stored('stored', 10));
    keepUnsaved([stored('kept as the page went', 20)]);
    const workspace = new Workspace();
    await workspace.load();
    expect(handlerText(workspace)).toMatchObject({ text: 'kept as the page went' });
    expect((await loadProjects())[0]!.files[1]).toMatchObject({ text: 'kept as the page went' });
    expect(items.has('swerve-playground:unsaved')).toBe(false);

    // An older copy (IndexedDB got a later save) is not taken back.
    keepUnsaved([stored('older', 5)]);
    const again = new Workspace();
    await again.load();
    expect(handlerText(again)).toMatchObject({ text: 'kept as the page went' });
  });
});
