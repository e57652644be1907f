import { describe, expect, it } from 'vitest';
import { builtFile } from '../built-components.test-helper.ts';
import { evaluateGlue, glueExportsWasiP3Handler, glueExportsWasiP3ReleaseCandidate } from './glue.ts';

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
    const x = { answer: 42 };
    const result = await instantiate(
      () => 'module-a' as unknown as WebAssembly.Module,
      { x },
      () => {
        throw new Error('not called');
      },
    );
    expect(result).toEqual({ seen: ['module-a', x] });
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

describe('glueExportsWasiP3Handler', () => {
  const glueOf = (path: string) => new TextDecoder().decode(builtFile(path));

  it("tells a WASI 0.3 handler's glue from a WASI 0.2 one's, as the pipeline transpiles them", () => {
    expect(glueExportsWasiP3Handler(glueOf('fixtures/http-p3/dist/http-p3.transpiled/component.js'))).toBe(
      true,
    );
    expect(glueExportsWasiP3Handler(glueOf('fixtures/minimal/dist/minimal.transpiled/component.js'))).toBe(
      false,
    );
  });

  it("tells a release candidate's handler from a 0.3.0 one's, as the pipeline transpiles them", () => {
    const candidate = glueOf('fixtures/http-p3-rc/dist/http-p3-rc.transpiled/component.js');
    expect(glueExportsWasiP3Handler(candidate)).toBe(true);
    expect(glueExportsWasiP3ReleaseCandidate(candidate)).toBe(true);
    expect(
      glueExportsWasiP3ReleaseCandidate(glueOf('fixtures/http-p3/dist/http-p3.transpiled/component.js')),
    ).toBe(false);
  });

  it('knows a release candidate by its quoted export name too', () => {
    expect(glueExportsWasiP3Handler("return { 'wasi:http/handler@0.3.0-rc-2026-03-15': handler };")).toBe(
      true,
    );
    // Named only in a log line, not exported.
    expect(glueExportsWasiP3Handler('_debugLog(\'[iface="wasi:http/handler@0.3.0"]\');')).toBe(false);
  });
});
