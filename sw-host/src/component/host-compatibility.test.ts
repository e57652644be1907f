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

  it("accepts a component that imports Spin's SQLite at 2.0.0 and 3.0.0", () => {
    const path = 'fixtures/sqlite/dist/sqlite.wasm';
    expect(checkHostCompatibility(builtFile(path), path).imports).toEqual(
      expect.arrayContaining(['fermyon:spin/sqlite@2.0.0', 'spin:sqlite/sqlite@3.0.0']),
    );
  });

  it('rejects a core module without a WIT world, saying what it exports and how to make a component', () => {
    const core = builtFile('examples/hello/dist/hello.transpiled/component.core2.wasm');
    expect(() => checkHostCompatibility(core, 'api.wasm')).toThrow(
      /^\[swerve\] api\.wasm is a core WebAssembly module with no WIT world embedded \(it exports .*\), so nothing says what its exports mean\. Build it with wit-bindgen/,
    );
  });

  it('names a Spin 1.x module and a WASI command module, and says what stops them', () => {
    expect(() => checkHostCompatibility(coreModule('handle-http-request'), 'old.wasm')).toThrow(
      "old.wasm is a Spin 1.x module (a core module exporting handle-http-request, Spin 1's HTTP ABI) " +
        'that Swerve cannot run: it does not export memory, canonical_abi_realloc',
    );
    expect(() => checkHostCompatibility(coreModule('_start'), 'cmd.wasm')).toThrow(
      'cmd.wasm is a WASI preview 1 command module (it exports _start and no WIT world)',
    );
  });

  it('accepts a Spin 1 HTTP module that imports only wasi_snapshot_preview1 and spin-config', () => {
    const module = builtFile('fixtures/spin1-http/dist/spin1-http.wasm');
    expect(checkHostCompatibility(module, 'spin1/api')).toEqual({ imports: [], wasiP3: false, spin1: true });
  });

  it('says a core module with its WIT embedded is componentized by the client before deploying', () => {
    const embedded = builtFile('fixtures/core-module/dist/core-module.wasm');
    expect(() => checkHostCompatibility(embedded, 'rust.wasm')).toThrow(
      'rust.wasm is a core module with its WIT world embedded',
    );
  });

  it('accepts a WASI 0.3 handler that imports wasi:http/types and wasi:cli/stdout @0.3.0', () => {
    const bytes = builtFile('fixtures/http-p3/dist/http-p3.wasm');
    expect(checkHostCompatibility(bytes, 'p3/api')).toEqual({
      imports: ['wasi:http/types@0.3.0', 'wasi:cli/types@0.3.0', 'wasi:cli/stdout@0.3.0'],
      wasiP3: true,
    });
  });

  it("accepts WASI 0.3 handlers built for Spin 4.0's release candidate, imports and export alike", () => {
    const rc = '0.3.0-rc-2026-03-15';
    const bytes = builtFile('fixtures/http-p3-rc/dist/http-p3-rc.wasm');
    expect(checkHostCompatibility(bytes, 'p3/api')).toEqual({
      imports: [`wasi:http/types@${rc}`, `wasi:cli/types@${rc}`, `wasi:cli/stdout@${rc}`],
      wasiP3: true,
    });
    const platform = builtFile('fixtures/http-p3-rc/dist/http-p3-platform-rc.wasm');
    const { imports } = checkHostCompatibility(platform, 'p3/api');
    expect(imports).toEqual(
      expect.arrayContaining([
        `wasi:cli/environment@${rc}`,
        `wasi:cli/exit@${rc}`,
        `wasi:random/random@${rc}`,
        `wasi:clocks/system-clock@${rc}`,
        `wasi:clocks/monotonic-clock@${rc}`,
        'wasi:cli/environment@0.2.10',
      ]),
    );
  });

  it('refuses a WASI 0.3 handler built for another prerelease, naming it and what Swerve serves', async () => {
    const bytes = await dummyP3Component('0.3.0-rc-2025-09-16');
    expect(() => checkHostCompatibility(bytes, 'p3/api')).toThrow(
      'p3/api exports wasi:http/handler@0.3.0-rc-2025-09-16, a WASI 0.3 HTTP component (what Spin 4 ' +
        'builds by default), built for a prerelease of WASI 0.3 (0.3.0-rc-2025-09-16) that Swerve ' +
        "does not serve. Swerve runs WASI 0.3 components built for the final wasi:http@0.3.x (Spin 4.1's) " +
        "and the release candidate 0.3.0-rc-2026-03-15 (Spin 4.0's): rebuild it with Spin 4's SDK",
    );
  });

  it('refuses a WASI 0.3 handler that imports one interface at both the release candidate and 0.3.0, naming it', async () => {
    const bytes = await dummyP3Component('0.3.0-rc-2026-03-15', {
      'wasi:cli@0.3.0': ENVIRONMENT_P3,
      'wasi:cli@0.3.0-rc-2026-03-15': ENVIRONMENT_P3,
    });
    expect(() => checkHostCompatibility(bytes, 'p3/api')).toThrow(
      'that uses wasi:cli/environment (0.3.0 and 0.3.0-rc-2026-03-15) at two WASI 0.3 versions. ' +
        "Swerve serves the final wasi:http@0.3.x (Spin 4.1's) and the release candidate " +
        "0.3.0-rc-2026-03-15 (Spin 4.0's) with one host side",
    );
  });

  it("accepts a WASI 0.3 handler that imports Spin 4's key-value and variables @3.0.0, wasi:http/client, the synchronous variables and wasi:config, and spin:sqlite@3.1.0", () => {
    const bytes = builtFile('fixtures/http-p3-spin/dist/http-p3-spin.wasm');
    expect(checkHostCompatibility(bytes, 'p3/api')).toEqual({
      imports: [
        'wasi:http/types@0.3.0',
        'spin:key-value/key-value@3.0.0',
        'spin:variables/variables@3.0.0',
        'wasi:http/client@0.3.0',
        'fermyon:spin/variables@2.0.0',
        'wasi:config/store@0.2.0-draft-2024-09-27',
        'spin:sqlite/sqlite@3.1.0',
      ],
      wasiP3: true,
    });
  });

  it("refuses a WASI 0.3 handler that imports Spin's blocking 2.0 key-value, naming it", async () => {
    const bytes = await dummyP3Component('0.3.0', { 'fermyon:spin@2.0.0': KEY_VALUE_2 });
    expect(() => checkHostCompatibility(bytes, 'p3/api')).toThrow(
      'that imports interfaces Swerve does not provide to WASI 0.3 components yet: "fermyon:spin/key-value@2.0.0".',
    );
  });

  it('accepts a WASI 0.3 handler that imports WASI 0.3 environment, random and clocks beside WASI 0.2 environment and stderr', () => {
    const bytes = builtFile('fixtures/http-p3-platform/dist/http-p3-platform.wasm');
    const { imports, wasiP3 } = checkHostCompatibility(bytes, 'p3/api');
    expect(wasiP3).toBe(true);
    expect(imports).toEqual(
      expect.arrayContaining([
        'wasi:cli/environment@0.3.0',
        'wasi:random/random@0.3.0',
        'wasi:clocks/system-clock@0.3.0',
        'wasi:clocks/monotonic-clock@0.3.0',
        'wasi:cli/environment@0.2.10',
        'wasi:cli/stderr@0.2.10',
        'wasi:io/streams@0.2.10',
      ]),
    );
  });

  it('refuses a WASI 0.3 handler that imports WASI 0.3 sockets or filesystem, naming each import and saying what to do', async () => {
    const bytes = await dummyP3Component('0.3.0', {
      'wasi:sockets@0.3.0': IP_NAME_LOOKUP_P3,
      'wasi:filesystem@0.3.0': PREOPENS_P3,
    });
    let message = '';
    try {
      checkHostCompatibility(bytes, 'p3/api');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      'p3/api exports wasi:http/handler@0.3.0, a WASI 0.3 HTTP component (what Spin 4 builds by ' +
        'default), that imports interfaces Swerve does not provide to WASI 0.3 components yet: ' +
        '"wasi:sockets/ip-name-lookup@0.3.0", "wasi:filesystem/preopens@0.3.0". ',
    );
    expect(message).toContain(
      'Swerve gives a WASI 0.3 component wasi:http/types @0.3.x; wasi:cli @0.3.x (environment, exit, ' +
        'stdin, stdout, stderr, terminal-*, types); wasi:clocks/monotonic-clock, system-clock and ' +
        'types @0.3.x; wasi:random @0.3.x; wasi:http/client @0.3.x; spin:key-value/key-value and ' +
        'spin:variables/variables @3.0.0; spin:sqlite/sqlite @3.1.0; wasi:cli, wasi:clocks, ' +
        'wasi:filesystem, wasi:io, ' +
        'wasi:random, wasi:sockets @0.2.x; wasi:http/types and outgoing-handler @0.2.x; ' +
        'fermyon:spin/variables @2.0.0; wasi:config/store @0.2.0-draft-2024-09-27 (each wasi:* ' +
        '@0.3.x interface also at 0.3.0-rc-2026-03-15). ',
    );
    expect(message).toContain(
      "Build the component for WASI 0.2 to use them: with Spin's http-rust-p2 template",
    );
  });

  it('names every interface the host does not provide', () => {
    const bytes = builtFile('fixtures/unknown-import/dist/unknown-import.wasm');
    expect(() => checkHostCompatibility(bytes, 'unknown.wasm')).toThrow(
      'unknown.wasm cannot run in Swerve: it imports interfaces the host does not provide: "swerve:test-fixtures/not-provided".',
    );
  });
});

const KEY_VALUE_2 = 'interface key-value { get: func(key: string) -> option<list<u8>>; }';

const IP_NAME_LOOKUP_P3 =
  'interface ip-name-lookup { resolve-addresses: func(name: string) -> list<string>; }';
const PREOPENS_P3 = 'interface preopens { get-directories: func() -> list<string>; }';
const ENVIRONMENT_P3 = 'interface environment { get-arguments: func() -> list<string>; }';

/**
 * A component with the surface of a WASI 0.3 handler for `version` (its core module a dummy
 * that wasm-tools makes from the world), importing also one interface of each extra package.
 * Only the import and export names matter to the check.
 */
async function dummyP3Component(version: string, extra: Record<string, string> = {}): Promise<Uint8Array> {
  const { componentEmbed, componentNew } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const packages = Object.entries(extra).map(([name, body]) => `package ${name} { ${body} }`);
  const imports = Object.entries(extra).map(([name, body]) => {
    const [, iface] = /interface ([a-z-]+)/.exec(body)!;
    return `import ${name.replace('@', `/${iface}@`)};`;
  });
  const witSource = `package swerve:dummy;
package wasi:http@${version} {
  interface types {
    resource request;
    resource response;
    variant error-code { internal-error(option<string>) }
  }
  interface handler {
    use types.{request, response, error-code};
    handle: async func(request: request) -> result<response, error-code>;
  }
}
${packages.join('\n')}
world p3 {
  import wasi:http/types@${version};
  ${imports.join('\n  ')}
  export wasi:http/handler@${version};
}`;
  return componentNew(await componentEmbed({ dummy: true, witSource, world: 'swerve:dummy/p3' }));
}
