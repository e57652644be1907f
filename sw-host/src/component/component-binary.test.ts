import { describe, expect, it } from 'vitest';
import { builtFile } from '../built-components.test-helper.ts';
import { readComponentSurface } from './component-binary.ts';

describe('readComponentSurface', () => {
  it('lists the imports and exports of a JavaScript component', () => {
    const surface = readComponentSurface(builtFile('examples/hello/dist/hello.wasm'), 'hello');
    expect(surface.kind).toBe('component');
    if (surface.kind !== 'component') return;
    expect(surface.exports).toEqual(['wasi:http/incoming-handler@0.2.10']);
    // wasm-tools settles each WASI import on the newest 0.2.x version it was given.
    expect(surface.imports).toEqual(
      expect.arrayContaining(
        ['wasi:http/types', 'wasi:io/streams', 'wasi:cli/stdout'].map((name) =>
          expect.stringMatching(new RegExp(`^${name}@0\\.2\\.\\d+$`)),
        ),
      ),
    );
  });

  it('lists the imports of a hand-written component', () => {
    const surface = readComponentSurface(builtFile('fixtures/unknown-import/dist/unknown-import.wasm'), 'x');
    expect(surface).toMatchObject({
      kind: 'component',
      exports: ['wasi:http/incoming-handler@0.2.10'],
      imports: expect.arrayContaining(['swerve:test-fixtures/not-provided']),
    });
  });

  it('recognises a core module', () => {
    const core = builtFile('examples/hello/dist/hello.transpiled/component.core2.wasm');
    expect(readComponentSurface(core, 'core')).toEqual({ kind: 'core-module' });
  });

  it('rejects bytes that are not WebAssembly', () => {
    expect(() => readComponentSurface(new TextEncoder().encode('<html>'), 'page.wasm')).toThrow(
      'page.wasm is not a WebAssembly binary (it does not start with "\\0asm").',
    );
  });

  it('rejects a truncated component', () => {
    const bytes = builtFile('fixtures/minimal/dist/minimal.wasm');
    expect(() => readComponentSurface(bytes.subarray(0, 40), 'cut.wasm')).toThrow(
      /cut\.wasm is a malformed component/,
    );
  });
});
