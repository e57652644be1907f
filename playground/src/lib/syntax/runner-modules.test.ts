import { describe, expect, it } from 'vitest';
import type { ProjectFile } from '../project/project.ts';
import {
  prepareRunnerModules,
  strippedOutputPath,
  strippedOutputs,
  strippedOutputText,
  withoutStrippedOutputs,
} from './runner-modules.ts';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "ts"
[[trigger.http]]
route = "/..."
component = "api"
[component.api]
source = "runner.wasm"
files = [{ source = "src", destination = "/" }]
`;
const text = (path: string, body: string): ProjectFile => ({ path, kind: 'text', text: body });

describe('prepareRunnerModules', () => {
  it("writes each mounted .ts module's JavaScript beside it, and leaves other files alone", async () => {
    const project = {
      files: [
        text('spin.toml', MANIFEST),
        text(
          'src/index.ts',
          "import { n } from './n.ts';\nexport default { fetch: (r: Request) => new Response(String(n)) };\n",
        ),
        text('src/n.mts', 'export const n: number = 1;\n'),
        text('src/types.d.ts', 'declare const x: number;\n'),
        text('scripts/tool.ts', 'const notMounted: number = 1;\n'),
      ],
    };
    const { diagnostics, outputs } = await prepareRunnerModules(project);
    expect(diagnostics).toEqual([]);
    expect(outputs.map((o) => o.path)).toEqual(['src/index.js', 'src/n.mjs']);
    expect(outputs[1]!.text).toBe(
      'export const n         = 1;\n// swerve: types stripped from n.mts; edit n.mts, not this file (same lines and columns)\n',
    );
  });

  it('reports a .ts whose JavaScript would replace a file of the project, and syntax errors of both languages', async () => {
    const { diagnostics, outputs } = await prepareRunnerModules({
      files: [
        text('spin.toml', MANIFEST),
        text('src/index.ts', 'export const a: number = 1;\n'),
        text('src/index.js', 'export const a = 2;\n'),
        text('src/bad.ts', 'let x: = 1;\n'),
        text('src/bad.js', 'let = ;\n'),
      ],
    });
    expect(outputs).toEqual([]);
    expect(diagnostics.map((d) => `${d.file}:${d.line}`).sort()).toEqual([
      'src/bad.js:1',
      'src/bad.ts:1',
      'src/index.ts:1',
    ]);
    expect(diagnostics.find((d) => d.file === 'src/index.ts')?.message).toMatch(
      /^src\/index\.js is a file too.*rename or delete one of them/,
    );
  });

  it('stops what leaves the playground only for TypeScript that cannot be stripped', async () => {
    await expect(
      strippedOutputs({ files: [text('spin.toml', MANIFEST), text('src/index.ts', 'enum A { B }\n')] }),
    ).rejects.toThrow(/^src\/index\.ts:1:1: SyntaxError: an enum is code/);
    await expect(
      strippedOutputs({ files: [text('spin.toml', MANIFEST), text('src/index.js', '(\n')] }),
    ).resolves.toEqual([]);
  });
});

describe('withoutStrippedOutputs', () => {
  it('leaves out the JavaScript an export wrote, and keeps a .js edited since', async () => {
    const files = [
      { path: 'src/a.ts', text: 'export const a: number = 1;\n' },
      { path: 'src/a.js', text: strippedOutputText('src/a.ts', 'export const a         = 1;\n') },
      { path: 'src/b.ts', text: 'export const b: number = 1;\n' },
      { path: 'src/b.js', text: 'export const b = 2; // edited\n' },
      { path: 'runner.wasm', bytes: new Uint8Array([0, 97, 115, 109]) },
    ];
    expect((await withoutStrippedOutputs(files)).map((f) => f.path)).toEqual([
      'src/a.ts',
      'src/b.ts',
      'src/b.js',
      'runner.wasm',
    ]);
  });

  it('names the output of .ts and .mts', () => {
    expect(strippedOutputPath('src/lib/util.ts')).toBe('src/lib/util.js');
    expect(strippedOutputPath('a.mts')).toBe('a.mjs');
  });
});
