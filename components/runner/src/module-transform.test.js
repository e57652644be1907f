import { describe, expect, it } from 'vitest';
import { transformModule, TransformError } from './module-transform.js';
import { tokenize } from './tokens.js';

/** Evaluates a transformed module with stub imports; returns its exports and what it required. */
function run(source, modules = {}) {
  const { code } = transformModule(source);
  const exports = {};
  const required = [];
  const fn = (0, eval)(code);
  fn(
    (specifier, names) => {
      required.push([specifier, names]);
      return modules[specifier] ?? {};
    },
    exports,
    (getters) => {
      for (const [name, get] of Object.entries(getters))
        Object.defineProperty(exports, name, { enumerable: true, get });
    },
    (from) => {
      for (const name of Object.keys(from))
        if (name !== 'default' && !(name in exports))
          Object.defineProperty(exports, name, { enumerable: true, get: () => from[name] });
    },
    { url: 'file:///index.js' },
    (specifier) => Promise.resolve(modules[specifier]),
  );
  return { exports, required };
}

describe('a module without import or export', () => {
  it('is wrapped as it is, each line and column where it was', () => {
    const source = "addEventListener('fetch', (event) =>\n  event.respondWith(new Response('hi')));";
    const { code, headLength, specifiers } = transformModule(source);
    expect(code.slice(headLength)).toBe(`${source}\n})`);
    expect(specifiers).toEqual([]);
    expect(typeof (0, eval)(code)).toBe('function');
  });
});

describe('tokenize', () => {
  it('skips strings, comments, templates and regular expressions', () => {
    const tokens = tokenize(
      "const a = 'import x'; // export y\n/* import */ const r = /import/g; `${ `export` } import`",
    );
    const names = tokens.filter((t) => t.type === 'name').map((t) => t.value);
    expect(names).toEqual(['const', 'a', 'const', 'r']);
    expect(tokens.find((t) => t.type === 'regexp')?.value).toBe('/import/g');
  });

  it('tells division from a regular expression', () => {
    const tokens = tokenize('const x = a / b / c; return /re/.test(s)');
    expect(tokens.filter((t) => t.type === 'regexp').map((t) => t.value)).toEqual(['/re/']);
  });

  it('tracks bracket depth across template substitutions', () => {
    const tokens = tokenize('f(`a${ {b: 1}.b }c`, [1]); import');
    expect(tokens.at(-1)).toMatchObject({ value: 'import', depth: 0 });
  });
});

describe('transformModule', () => {
  it('turns every import form into hoisted requires, in source order', () => {
    const { exports, required } = run(
      `import def, { a, b as c } from './x.js';
import * as ns from 'lib';
import './side.js';
export const out = [def, a, c, ns.k];`,
      { './x.js': { default: 'D', a: 'A', b: 'B' }, lib: { k: 'K' } },
    );
    expect(required).toEqual([
      ['./x.js', 'default,a,b'],
      ['lib', ''],
      ['./side.js', ''],
    ]);
    expect(exports.out).toEqual(['D', 'A', 'B', 'K']);
  });

  it('exports declarations, lists, defaults and re-exports, with live bindings', () => {
    const { exports } = run(
      `export let count = 0;
export function bump() { count += 1; }
export async function later() {}
export class Thing {}
const hidden = 1, other = 2;
export { hidden as shown, other };
export * from './all.js';
export { z as zed } from './all.js';
export * as everything from './all.js';
export default { fetch() { return 'ok'; } };`,
      { './all.js': { y: 'Y', z: 'Z', default: 'not re-exported' } },
    );
    exports.bump();
    expect(exports.count).toBe(1);
    expect(typeof exports.later).toBe('function');
    expect(typeof exports.Thing).toBe('function');
    expect([exports.shown, exports.other, exports.y, exports.zed]).toEqual([1, 2, 'Y', 'Z']);
    expect(exports.everything.z).toBe('Z');
    expect(exports.default.fetch()).toBe('ok');
  });

  it('exports a named default function, hoisted', () => {
    const { exports } = run(
      'export default function handler() { return helper(); }\nfunction helper() { return 7; }',
    );
    expect(exports.default()).toBe(7);
  });

  it('finds every name of a multi-name declaration and stops at the statement end', () => {
    const { exports } = run(
      'export const a = f(1, 2), b = { c: 3 }\nconst d = 4\nfunction f(x, y) { return x + y; }',
    );
    expect(Object.keys(exports)).toEqual(['a', 'b']);
    expect(exports.a).toBe(3);
  });

  it('keeps every line at its number', () => {
    const source =
      "import { a } from './a.js';\nimport b from './b.js';\n\nexport const x = 1;\nthrow new Error('here');";
    const { code } = transformModule(source);
    expect(code.split('\n').length).toBe(source.split('\n').length + 1);
    expect(code.split('\n')[4]).toBe("throw new Error('here');");
  });

  it('rewrites import.meta and import(), and leaves property names alone', () => {
    const { exports } = run(
      'export const url = import.meta.url; export const p = import("./x.js"); export const o = { import: 1 }.import;',
      {
        './x.js': { v: 1 },
      },
    );
    expect(exports.url).toBe('file:///index.js');
    expect(exports.o).toBe(1);
    return expect(exports.p).resolves.toEqual({ v: 1 });
  });

  it('reports a broken import or an unterminated string at its line and column', () => {
    expect(() => transformModule("const a = 1;\nimport { x } frm './x.js';")).toThrow(TransformError);
    try {
      transformModule("const a = 1;\n  const s = 'open;\n");
    } catch (error) {
      expect(error).toMatchObject({ line: 2, column: 13 });
    }
  });

  it('refuses to export a destructuring declaration, saying what to write instead', () => {
    expect(() => transformModule('export const { a } = obj;')).toThrow(/destructuring/);
  });
});
