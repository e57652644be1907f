import { describe, expect, it } from 'vitest';
import { describeDiagnostic, javascriptSyntaxError, projectSyntaxErrors } from './javascript-syntax.ts';
import { isRunnerModule, runnerMounts } from './runner-files.ts';

const RUNNER_MANIFEST = `spin_manifest_version = 2
[application]
name = "a"
[[trigger.http]]
route = "/..."
component = "api"
[component.api]
source = "runner.wasm"
files = [{ source = "src", destination = "/" }]
[component.site]
source = "fileserver.wasm"
files = [{ source = "static", destination = "/" }]
`;

const text = (path: string, body: string) => ({ path, kind: 'text' as const, text: body });

describe('javascript syntax', () => {
  it('names the line and column of an error, as the runner does', () => {
    const problem = javascriptSyntaxError('src/index.js', 'const a = 1;\nexport default { fetch( {} };\n');
    expect(problem).toMatchObject({ file: 'src/index.js', line: 2 });
    expect(problem?.column).toBeGreaterThan(1);
    expect(problem?.message).toMatch(/^SyntaxError: Unexpected token/);
    expect(describeDiagnostic(problem!)).toMatch(/^src\/index\.js:2:\d+: SyntaxError: /);
  });

  it('accepts modern modules: imports, exports, classes with private fields, optional chaining', () => {
    const source = `import { Router } from 'itty-router';
export class A { #x = 1; get x() { return this.#x ?? 0; } }
export default { fetch: async (r) => new Response(r?.url) };`;
    expect(javascriptSyntaxError('src/index.js', source)).toBeUndefined();
  });

  it('checks only the modules mounted into runner components', () => {
    const project = {
      files: [
        text('spin.toml', RUNNER_MANIFEST),
        text('src/index.js', 'export default {'),
        text('src/lib/util.mjs', 'export const x = ;'),
        text('src/data.json', '{'),
        text('static/app.js', 'this is the browser’s business ('),
      ],
    };
    expect(projectSyntaxErrors(project).map((d) => d.file)).toEqual(['src/index.js', 'src/lib/util.mjs']);
  });

  it('checks nothing when no component is the runner', () => {
    const manifest = RUNNER_MANIFEST.replace('"runner.wasm"', '"api.wasm"');
    expect(projectSyntaxErrors({ files: [text('spin.toml', manifest), text('src/index.js', '(')] })).toEqual(
      [],
    );
  });
});

describe('runner mounts', () => {
  it('reads folder mounts and the folder part of glob mounts', () => {
    const manifest = `[component.a]
source = "dist/runner.wasm"
files = [{ source = "./src/", destination = "/" }, "lib/**/*.js", "*.mjs"]`;
    expect(runnerMounts(manifest)).toEqual(['src', 'lib', '']);
    expect(isRunnerModule('lib/a/b.js', ['lib'])).toBe(true);
    expect(isRunnerModule('library/b.js', ['lib'])).toBe(false);
    expect(isRunnerModule('README.md', [''])).toBe(false);
  });

  it('is empty for a manifest that is not TOML', () => {
    expect(runnerMounts('[component.a')).toEqual([]);
  });
});
