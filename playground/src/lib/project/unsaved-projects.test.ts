import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Project } from './project.ts';
import { forgetUnsaved, keepUnsaved, newerUnsaved } from './unsaved-projects.ts';

const project = (id: string, updatedAt: number, text = 'x'): Project => ({
  id,
  name: id,
  key: `key-${id}`,
  source: 'js:hello',
  files: [{ path: 'src/index.js', kind: 'text', text }],
  variables: {},
  runOnEdit: true,
  request: { method: 'GET', path: '/', headers: '', body: '' },
  history: [],
  createdAt: 0,
  updatedAt,
});

describe('projects kept as the page goes', () => {
  beforeEach(() => {
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('gives back only copies newer than what is stored, of projects still stored', () => {
    keepUnsaved([project('a', 20, 'typed'), project('b', 5), project('gone', 9)]);
    const taken = newerUnsaved([project('a', 10), project('b', 5)]);
    expect(taken.map((p) => p.id)).toEqual(['a']);
    expect(taken[0]!.files).toEqual([{ path: 'src/index.js', kind: 'text', text: 'typed' }]);
    forgetUnsaved();
    expect(newerUnsaved([project('a', 10)])).toEqual([]);
  });

  it('keeps nothing when storage refuses, and reads nothing from a damaged entry', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => '{not json',
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    });
    expect(() => keepUnsaved([project('a', 20)])).not.toThrow();
    expect(newerUnsaved([project('a', 10)])).toEqual([]);
  });
});
