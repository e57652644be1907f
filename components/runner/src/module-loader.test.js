import { describe, expect, it } from 'vitest';
import { ModuleLoader, normalisePath, UserCodeError } from './module-loader.js';

function loader(files, builtins = {}) {
  const reads = [];
  const instance = new ModuleLoader({
    readFile: (path) => {
      reads.push(path);
      return files[path];
    },
    builtins,
  });
  return { instance, reads };
}

describe('ModuleLoader', () => {
  it('loads modules across files, resolving relative paths and extensions', () => {
    const { instance } = loader({
      '/index.js':
        "import { twice } from './lib/math'; import data from './data.json'; export default { fetch: () => twice(data.n) };",
      '/lib/math.js': "import { one } from '../one.js'; export const twice = (n) => 2 * n * one;",
      '/one.js': 'export const one = 1;',
      '/data.json': '{ "n": 21 }',
    });
    expect(instance.import('/index.js').default.fetch()).toBe(42);
  });

  it('evaluates each module once per loader', () => {
    globalThis.__evaluations = 0;
    const { instance } = loader({
      '/index.js': "import './a.js'; import './b.js';",
      '/a.js': "import './shared.js';",
      '/b.js': "import './shared.js';",
      '/shared.js': 'globalThis.__evaluations += 1;',
    });
    instance.import('/index.js');
    instance.import('/index.js');
    expect(globalThis.__evaluations).toBe(1);
    delete globalThis.__evaluations;
  });

  it('gives bare names the built-in packages', () => {
    const { instance } = loader(
      { '/index.js': "import { Router } from 'itty-router'; export const r = Router;" },
      { 'itty-router': { Router: 'R' } },
    );
    expect(instance.import('/index.js').r).toBe('R');
  });

  it('names the file, line and column of an import of a missing export', () => {
    const { instance } = loader({
      '/index.js': "// first\nimport { nope } from './lib.js';",
      '/lib.js': 'export const yes = 1;',
    });
    let error;
    try {
      instance.import('/index.js');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserCodeError);
    expect(error.location).toBe('/index.js:2:22');
    expect(error.message).toBe('/lib.js has no export named "nope"');
  });

  it('names the file and line of a syntax error found by the transform', () => {
    const { instance } = loader({
      '/index.js': "import './ok.js';",
      '/ok.js': "export const x = 1;\nconst y = 'unterminated;",
    });
    expect(() => instance.import('/index.js')).toThrow(expect.objectContaining({ location: '/ok.js:2:11' }));
  });

  it('says which packages exist when a bare name is unknown, and reports missing files and cycles', () => {
    const { instance } = loader(
      {
        '/index.js': "import 'lodash';",
        '/a.js': "import './b.js';",
        '/b.js': "import './a.js';",
        '/c.js': "import './gone.js';",
      },
      { hono: {} },
    );
    expect(() => instance.import('/index.js')).toThrow(
      /Cannot import "lodash": the runner provides only hono by name/,
    );
    expect(() => instance.import('/a.js')).toThrow(/cycle/);
    expect(() => instance.import('/c.js')).toThrow(/Cannot find module ".\/gone.js"/);
  });
});

describe('TypeScript run as its stripped output', () => {
  const from = (file) => `\n// swerve: types stripped from ${file}; edit ${file}, not this file\n`;

  it('loads util.js for an import of ./util.ts, and ./util.js as TypeScript projects write it', () => {
    const { instance } = loader({
      '/index.js': "import { a } from './a.ts'; import { b } from './lib/b.js'; export const sum = a + b;",
      '/a.js': 'export const a = 1;' + from('a.ts'),
      '/lib/b.js': 'export const b = 2;' + from('b.ts'),
    });
    expect(instance.import('/index.js').sum).toBe(3);
  });

  it('names the .ts source a stripped output names, at the same line and column', () => {
    const { instance } = loader({
      '/index.js': "// first\nimport { nope } from './lib.ts';" + from('index.ts'),
      '/lib.js': 'export const yes        = 1;' + from('lib.ts'),
    });
    expect(() => instance.import('/index.js')).toThrow(
      expect.objectContaining({ location: '/index.ts:2:22', message: '/lib.ts has no export named "nope"' }),
    );
  });

  it('says what to do when a .ts file has no stripped output', () => {
    const { instance } = loader({
      '/index.js': "import './util.ts';",
      '/util.ts': 'export const x: number = 1;',
    });
    expect(() => instance.import('/index.js')).toThrow(/found no \/util\.js, its stripped output/);
  });
});

describe('normalisePath', () => {
  it('resolves . and ..', () => {
    expect(normalisePath('/a/./b/../c.js')).toBe('/a/c.js');
    expect(normalisePath('/../x')).toBe('/x');
  });
});
