import { $init, generate, type GenerateOptions } from '@bytecodealliance/jco-transpile/component';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../built-components.test-helper.ts';
import generateOptions from './generate-options.json';
import { keyedForWasiP3, wasiP2ImportMap } from './wasi-p2-keys.ts';

/** The import keys the glue of the platform fixture (WASI 0.2 and 0.3 imports) asks for. */
async function glueKeys(options: GenerateOptions): Promise<string[]> {
  await $init;
  const { imports } = generate(builtFile('fixtures/http-p3-platform/dist/http-p3-platform.wasm'), options);
  return imports.sort();
}

describe("a WASI 0.3 component's WASI 0.2 import keys", () => {
  it('jco-transpile 0.15 keys both releases of an interface alike unless mapped (why the map exists)', async () => {
    // Fails once jco keys imports by version: the map can then go.
    const plain = await glueKeys(generateOptions as GenerateOptions);
    expect(plain).toContain('wasi:cli/environment');
    expect(plain.filter((key) => key.startsWith('wasi:cli/environment'))).toEqual(['wasi:cli/environment']);
    const mapped = await glueKeys({
      ...(generateOptions as GenerateOptions),
      map: wasiP2ImportMap(['wasi:cli/environment@0.2.10']),
    });
    expect(mapped.filter((key) => key.startsWith('wasi:cli/environment'))).toEqual([
      'wasi:cli/environment',
      'wasi:cli/environment@0.2',
    ]);
  });

  it('maps each WASI 0.2 patch release a component imports to one key, and nothing else', () => {
    expect(
      wasiP2ImportMap([
        'wasi:http/types@0.3.0',
        'wasi:cli/environment@0.3.0',
        'wasi:cli/environment@0.2.10',
        'wasi:io/streams@0.2.10',
        'wasi:clocks/monotonic-clock@0.2.4',
        'fermyon:spin/key-value@2.0.0',
        'wasi:keyvalue/store@0.2.0-draft2',
      ]),
    ).toEqual([
      ['wasi:*@0.2.10', 'wasi:*@0.2'],
      ['wasi:*@0.2.4', 'wasi:*@0.2'],
    ]);
    expect(wasiP2ImportMap(['wasi:http/types@0.3.0', 'wasi:cli/stdout@0.3.0'])).toEqual([]);
  });

  it('keys the WASI 0.2 host side as the mapped glue asks for it', () => {
    const environment = { getEnvironment: () => [] };
    expect(keyedForWasiP3({ 'wasi:cli/environment': environment })).toEqual({
      'wasi:cli/environment@0.2': environment,
    });
  });
});
