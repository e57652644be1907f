import { $init, generate, type GenerateOptions } from '@bytecodealliance/jco-transpile/component';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../built-components.test-helper.ts';
import { checkHostCompatibility } from './host-compatibility.ts';
import generateOptions from './generate-options.json';
import { wasiP2ImportMap } from './wasi-p2-keys.ts';
import { interfacesAtTwoWasiP3Versions, isServedWasiP3Version } from './wasi-p3-releases.ts';

/** The import keys and the exports of a fixture's glue, transpiled as the host transpiles it. */
async function glueSurface(path: string): Promise<{ imports: string[]; exports: string[] }> {
  await $init;
  const bytes = builtFile(path);
  const { imports: names } = checkHostCompatibility(bytes, path);
  const { imports, exports } = generate(bytes, {
    ...(generateOptions as GenerateOptions),
    map: wasiP2ImportMap(names),
  });
  return { imports: imports.sort(), exports: exports.map(([name]) => name).sort() };
}

describe("WASI 0.3's release candidate and 0.3.0", () => {
  it.each([
    ['fixtures/http-p3/dist/http-p3.wasm', 'fixtures/http-p3-rc/dist/http-p3-rc.wasm'],
    [
      'fixtures/http-p3-platform/dist/http-p3-platform.wasm',
      'fixtures/http-p3-rc/dist/http-p3-platform-rc.wasm',
    ],
  ])(
    "a release-candidate build's glue asks for the host objects the 0.3.0 build's asks for (%s)",
    async (final, candidate) => {
      // Fails once jco keys WASI 0.3 imports by version: the release candidate then needs keys
      // of its own, as WASI 0.2's have (wasi-p2-keys.ts).
      const [finalGlue, candidateGlue] = await Promise.all([glueSurface(final), glueSurface(candidate)]);
      expect(candidateGlue.imports).toEqual(finalGlue.imports);
      expect(candidateGlue.imports).toContain('wasi:http/types');
      // Only the handler's versioned name differs; findP3Handle takes any wasi:http/handler@0.3.
      expect(finalGlue.exports).toContain('wasi:http/handler@0.3.0');
      expect(candidateGlue.exports).toContain('wasi:http/handler@0.3.0-rc-2026-03-15');
    },
  );

  it('serves 0.3.x and the 2026-03-15 release candidate, no other prerelease', () => {
    expect(isServedWasiP3Version('0.3.0')).toBe(true);
    expect(isServedWasiP3Version('0.3.1')).toBe(true);
    expect(isServedWasiP3Version('0.3.0-rc-2026-03-15')).toBe(true);
    expect(isServedWasiP3Version('0.3.0-rc-2025-09-16')).toBe(false);
    expect(isServedWasiP3Version('0.3.0-rc-2026-03-15x')).toBe(false);
    expect(isServedWasiP3Version('0.2.10')).toBe(false);
  });

  it('finds the interfaces named at two WASI 0.3 versions, and only those', () => {
    expect(
      interfacesAtTwoWasiP3Versions([
        'wasi:http/types@0.3.0-rc-2026-03-15',
        'wasi:http/handler@0.3.0-rc-2026-03-15',
        'wasi:cli/environment@0.3.0',
        'wasi:cli/environment@0.3.0-rc-2026-03-15',
        'wasi:cli/environment@0.2.10',
        'wasi:clocks/monotonic-clock@0.3.0',
        'spin:key-value/key-value@3.0.0',
      ]),
    ).toEqual(new Map([['wasi:cli/environment', ['0.3.0', '0.3.0-rc-2026-03-15']]]));
    expect(interfacesAtTwoWasiP3Versions(['wasi:http/types@0.3.0', 'wasi:cli/stdout@0.3.0'])).toEqual(
      new Map(),
    );
  });
});
