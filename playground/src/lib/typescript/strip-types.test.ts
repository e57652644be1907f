import { describe, expect, it } from 'vitest';
import { stripTypes } from './strip-types.ts';

describe('stripTypes', () => {
  it('blanks the types and keeps every line and column of the source', () => {
    const source = [
      "import type { Handler } from './types.ts';",
      'interface Todo {',
      '  id: number;',
      '}',
      'const todos: Todo[] = [];',
      'export const add = (todo: Todo): number => todos.push(todo as Todo);',
      'export default { fetch: (request: Request) => new Response(String(add({ id: 1 }))) } satisfies object;',
      '',
    ].join('\n');
    const result = stripTypes('src/index.ts', source);
    expect(result.error).toBeUndefined();
    const javascript = (result as { javascript: string }).javascript;
    expect(javascript.length).toBe(source.length);
    expect(javascript.split('\n').map((line) => line.length)).toEqual(
      source.split('\n').map((l) => l.length),
    );
    // The code that is not a type stays where it was.
    const at = (text: string, needle: string) => text.indexOf(needle);
    expect(at(javascript, 'todos.push(todo')).toBe(at(source, 'todos.push(todo'));
    expect(javascript).not.toMatch(/Todo|number|Request|satisfies|import type/);
    expect(javascript).toContain('const todos         = [];');
  });

  it("reports TypeScript's syntax error at its line and column", () => {
    expect(stripTypes('src/index.ts', 'const a: number = 1;\nconst b: = 2;\n')).toEqual({
      error: { file: 'src/index.ts', line: 2, column: 10, message: 'SyntaxError: Type expected.' },
    });
  });

  it('says what to write instead of syntax that is code, not types (an enum)', () => {
    const result = stripTypes('src/util.ts', 'export const x = 1;\n  enum Colour { Red }\n');
    expect(result.error).toMatchObject({ file: 'src/util.ts', line: 2, column: 3 });
    expect(result.error?.message).toMatch(/^SyntaxError: an enum is code.*'as const'/);
  });

  it('reports what no JavaScript engine accepts, which the TypeScript parser lets through', () => {
    const result = stripTypes('src/index.ts', 'const a: number = 1;\nreturn a;\n');
    expect(result.error).toMatchObject({ file: 'src/index.ts', line: 2, column: 1 });
    expect(result.error?.message).toMatch(/'return' outside of function/);
  });
});
