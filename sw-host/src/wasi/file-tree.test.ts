import { describe, expect, it } from 'vitest';
import { buildFileTree, instanceFileTree, type DirectoryNode, type FileNode } from './file-tree.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const files = {
  'static/index.html': bytes('<h1>hi</h1>'),
  'static/css/site.css': bytes('body{}'),
  'static/secret.env': bytes('TOKEN=1'),
  'data/config.json': bytes('{}'),
  'README.md': bytes('# app'),
};

function read(tree: DirectoryNode, path: string): string | undefined {
  let node: DirectoryNode | FileNode | undefined = tree;
  for (const part of path.split('/').filter(Boolean)) {
    node = node && 'dir' in node ? node.dir[part] : undefined;
  }
  return node && 'source' in node ? new TextDecoder().decode(node.source) : undefined;
}

describe('buildFileTree', () => {
  it('mounts glob matches at their own paths, minus exclude_files', () => {
    const tree = buildFileTree([{ kind: 'glob', pattern: 'static/**/*' }], ['**/*.env'], files, 'app/web');
    expect(read(tree, '/static/index.html')).toBe('<h1>hi</h1>');
    expect(read(tree, '/static/css/site.css')).toBe('body{}');
    expect(read(tree, '/static/secret.env')).toBeUndefined();
    expect(read(tree, '/README.md')).toBeUndefined();
  });

  it('places a directory and a single file at their destinations', () => {
    const tree = buildFileTree(
      [
        { kind: 'placement', source: 'static', destination: '/www' },
        { kind: 'placement', source: 'data/config.json', destination: '/etc/config.json' },
      ],
      [],
      files,
      'app/web',
    );
    expect(read(tree, '/www/css/site.css')).toBe('body{}');
    expect(read(tree, '/etc/config.json')).toBe('{}');
    expect(read(tree, '/static/index.html')).toBeUndefined();
  });

  it('says which files entry names nothing', () => {
    expect(() =>
      buildFileTree([{ kind: 'placement', source: 'assets', destination: '/' }], [], files, 'app/web'),
    ).toThrow(
      'app/web: files entry { source = "assets", destination = "/" } names nothing among the app files.',
    );
  });

  it('says which component maps a file where a directory must be, as a manifest error', () => {
    const mounts = [
      { kind: 'placement', source: 'README.md', destination: '/www' },
      { kind: 'placement', source: 'static', destination: '/www' },
    ] as const;
    expect(() => buildFileTree(mounts, [], files, 'app/web')).toThrow(
      expect.objectContaining({
        code: 'manifest-invalid',
        detail: expect.stringMatching(/^app\/web: the files entries put "\/www\/css\/site.css" inside "www"/),
      }),
    );
  });
});

describe('instanceFileTree', () => {
  it('gives each instance its own bytes, so a write never reaches the next request', () => {
    const shared = buildFileTree([{ kind: 'glob', pattern: 'data/*' }], [], files, 'app/web');
    const first = instanceFileTree(shared);
    const file = (first.dir['data'] as DirectoryNode).dir['config.json'] as FileNode;
    file.source.set(bytes('XX'), 0);
    expect(read(first, '/data/config.json')).toBe('XX');
    expect(read(instanceFileTree(shared), '/data/config.json')).toBe('{}');
    expect(read(shared, '/data/config.json')).toBe('{}');
  });
});
