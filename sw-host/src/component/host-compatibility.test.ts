import { describe, expect, it } from 'vitest';
import { builtFile } from './built-components.test-helper.ts';
import { checkHostCompatibility } from './host-compatibility.ts';

describe('checkHostCompatibility', () => {
  it.each([
    ['examples/hello/dist/hello.wasm'],
    ['examples/echo/dist/echo.wasm'],
    ['fixtures/minimal/dist/minimal.wasm'],
  ])('accepts %s', (path) => {
    expect(checkHostCompatibility(builtFile(path), path).imports.length).toBeGreaterThan(0);
  });

  it('rejects a core module, saying how to make a component', () => {
    const core = builtFile('examples/hello/dist/hello.transpiled/component.core2.wasm');
    expect(() => checkHostCompatibility(core, 'api.wasm')).toThrow(
      /^\[swerve\] api\.wasm is a core WebAssembly module, not a component\. Build it as a WASI 0\.2 HTTP component/,
    );
  });

  it('names every interface the host does not provide', () => {
    const bytes = builtFile('fixtures/unknown-import/dist/unknown-import.wasm');
    expect(() => checkHostCompatibility(bytes, 'unknown.wasm')).toThrow(
      'unknown.wasm cannot run in Swerve: it imports interfaces the host does not provide: "swerve:test-fixtures/not-provided".',
    );
  });
});
