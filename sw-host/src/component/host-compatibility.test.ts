import { describe, expect, it } from 'vitest';
import { builtFile } from '../built-components.test-helper.ts';
import { checkHostCompatibility } from './host-compatibility.ts';

/** A core module with one function, exported as `name`. */
function coreModule(name: string): Uint8Array {
  const nameBytes = [...new TextEncoder().encode(name)];
  const exportSection = [1, nameBytes.length, ...nameBytes, 0x00, 0x00];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...[0x01, 0x04, 0x01, 0x60, 0x00, 0x00], // type section: () -> ()
    ...[0x03, 0x02, 0x01, 0x00], // function section: one function of type 0
    ...[0x07, exportSection.length, ...exportSection],
    ...[0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b], // code section: an empty body
  ]);
}

describe('checkHostCompatibility', () => {
  it.each([
    ['examples/hello/dist/hello.wasm'],
    ['examples/echo/dist/echo.wasm'],
    ['fixtures/minimal/dist/minimal.wasm'],
  ])('accepts %s', (path) => {
    expect(checkHostCompatibility(builtFile(path), path).imports.length).toBeGreaterThan(0);
  });

  it('rejects a core module without a WIT world, saying what it exports and how to make a component', () => {
    const core = builtFile('examples/hello/dist/hello.transpiled/component.core2.wasm');
    expect(() => checkHostCompatibility(core, 'api.wasm')).toThrow(
      /^\[swerve\] api\.wasm is a core WebAssembly module with no WIT world embedded \(it exports .*\), so nothing says what its exports mean\. Build it with wit-bindgen/,
    );
  });

  it('names a Spin 1.x module and a WASI command module, and says what would run them', () => {
    expect(() => checkHostCompatibility(coreModule('handle-http-request'), 'old.wasm')).toThrow(
      'old.wasm is a Spin 1.x module: a core module exporting handle-http-request',
    );
    expect(() => checkHostCompatibility(coreModule('_start'), 'cmd.wasm')).toThrow(
      'cmd.wasm is a WASI preview 1 command module (it exports _start and no WIT world)',
    );
  });

  it('says a core module with its WIT embedded is componentized by the client before deploying', () => {
    const embedded = builtFile('fixtures/core-module/dist/core-module.wasm');
    expect(() => checkHostCompatibility(embedded, 'rust.wasm')).toThrow(
      'rust.wasm is a core module with its WIT world embedded',
    );
  });

  it('says a WASI 0.3 handler is a Spin 4 component Swerve cannot run yet, and how to build one it can', () => {
    const bytes = builtFile('fixtures/http-p3/dist/http-p3.wasm');
    expect(() => checkHostCompatibility(bytes, 'p3/api')).toThrow(
      'p3/api exports wasi:http/handler@0.3.0, a WASI 0.3 HTTP component (what Spin 4 builds by default, ' +
        'for example with the http-rust template and spin-sdk 6). Swerve runs WASI 0.2 components only ' +
        '(exporting wasi:http/incoming-handler@0.2.x): it has no host side for wasi:http@0.3 and the ' +
        "component model's async ABI yet. Build the component for WASI 0.2: with Spin's http-rust-p2 " +
        'template for Rust, or any toolchain that targets wasi:http@0.2 (the Spin JS SDK does).',
    );
  });

  it('names every interface the host does not provide', () => {
    const bytes = builtFile('fixtures/unknown-import/dist/unknown-import.wasm');
    expect(() => checkHostCompatibility(bytes, 'unknown.wasm')).toThrow(
      'unknown.wasm cannot run in Swerve: it imports interfaces the host does not provide: "swerve:test-fixtures/not-provided".',
    );
  });
});
