import { describe, expect, it } from 'vitest';
import { evaluateGlue } from './glue.ts';

// The shape of jco's `--instantiation async` output, reduced to what the rewrites touch.
const glueShaped = (body: string) => `"use components";
export function instantiate(getCoreModule, imports, instantiateCore = WebAssembly.instantiate) {
  if (!getCoreModule) getCoreModule = (name) => fetchCompile(new URL(\`./\${name}\`, import.meta.url));
  ${body}
}
export const _util = {};
`;

describe('evaluateGlue', () => {
  it('returns the instantiate function, which receives the host arguments', async () => {
    const instantiate = evaluateGlue(glueShaped('return { seen: [getCoreModule("a"), imports.x] };'), 'test');
    const result = await instantiate(
      () => 'module-a' as unknown as WebAssembly.Module,
      { x: 42 },
      () => {
        throw new Error('not called');
      },
    );
    expect(result).toEqual({ seen: ['module-a', 42] });
  });

  it('rejects a module that does not export instantiate, saying how to transpile it', () => {
    expect(() => evaluateGlue('export default 1;', 'api')).toThrow(
      /Could not load the glue for api: it does not export instantiate\(\)\. Transpile the component with jco using --instantiation async\./,
    );
  });

  it('rejects glue with import statements instead of evaluating something else', () => {
    const source = `import { x } from './x.js';\n${glueShaped('return x;')}`;
    expect(() => evaluateGlue(source, 'api')).toThrow(/module syntax the host cannot evaluate \("import"\)/);
  });

  it('reports a syntax error in the glue as a component error', () => {
    expect(() => evaluateGlue(glueShaped('return {;'), 'api')).toThrow(
      /Could not evaluate the glue for api: SyntaxError/,
    );
  });
});
