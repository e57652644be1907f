import { describe, expect, it } from 'vitest';
import type { FileMount } from '../manifest/types.ts';
import { selectFiles, walkRoots, type ComponentFiles } from './file-selection.ts';

const glob = (pattern: string): FileMount => ({ kind: 'glob', pattern });
const place = (source: string, destination = '/'): FileMount => ({ kind: 'placement', source, destination });
const component = (files: FileMount[], excludeFiles: string[] = [], id = 'web'): ComponentFiles => ({
  id,
  files,
  excludeFiles,
});

const FOLDER = [
  '.env',
  'spin.toml',
  'dist/web.wasm',
  'static/index.html',
  'static/.hidden',
  'static/css/site.css',
  'static/drafts/wip.html',
  'assets/logo.svg',
  'assets/fonts/a.woff2',
  'readme.md',
];

describe('selectFiles', () => {
  it.each<[string, ComponentFiles[], string[]]>([
    ['no files', [component([])], []],
    [
      'a glob, dot files included as Spin does',
      [component([glob('static/**/*')])],
      ['static/.hidden', 'static/css/site.css', 'static/drafts/wip.html', 'static/index.html'],
    ],
    ['a glob with ./', [component([glob('./static/*.html')])], ['static/index.html']],
    ['a single file', [component([glob('readme.md')])], ['readme.md']],
    [
      'exclude_files',
      [component([glob('static/**/*')], ['static/drafts/**', '**/.hidden'])],
      ['static/css/site.css', 'static/index.html'],
    ],
    [
      'a directory placement',
      [component([place('assets', '/public')])],
      ['assets/fonts/a.woff2', 'assets/logo.svg'],
    ],
    ['a file placement', [component([place('readme.md', '/README')])], ['readme.md']],
    ['a trailing slash', [component([place('assets/fonts/')])], ['assets/fonts/a.woff2']],
    [
      'exclusion is per component: what another mounts is served',
      [component([glob('static/*.html')], ['**/*.html'], 'a'), component([glob('static/*.html')], [], 'b')],
      ['static/index.html'],
    ],
  ])('%s', (_, components, expected) => {
    const { selected, problems } = selectFiles(components, FOLDER);
    expect(problems).toEqual([]);
    expect(selected).toEqual(expected);
  });

  it('never selects .env or the manifest unless a pattern names them', () => {
    const { selected } = selectFiles([component([glob('static/**/*'), place('assets')])], FOLDER);
    expect(selected).not.toContain('.env');
    expect(selected).not.toContain('spin.toml');
  });

  it('reports entries outside the folder and placements that name nothing', () => {
    const { selected, problems } = selectFiles(
      [component([glob('../secrets/*'), place('../x'), place('missing'), glob('nothing/*')])],
      FOLDER,
    );
    expect(selected).toEqual([]);
    expect(problems).toEqual([
      { componentId: 'web', entry: '"../secrets/*"', reason: 'outside' },
      { componentId: 'web', entry: '{ source = "../x", destination = "/" }', reason: 'outside' },
      { componentId: 'web', entry: '{ source = "missing", destination = "/" }', reason: 'nothing' },
    ]);
  });
});

describe('walkRoots', () => {
  it('lists each glob base and placement source once, none inside another, none outside', () => {
    expect(
      walkRoots([
        component([glob('static/**/*'), glob('static/css/*.css'), place('assets/fonts')]),
        component([place('assets'), glob('readme.md'), glob('../up/*')]),
      ]),
    ).toEqual(['assets', 'readme.md', 'static']);
  });

  it('is the whole folder for a top-level glob or a placement of "."', () => {
    expect(walkRoots([component([glob('*.txt'), place('static')])])).toEqual(['']);
    expect(walkRoots([component([place('.')])])).toEqual(['']);
    expect(walkRoots([component([])])).toEqual([]);
  });
});
