import { describe, expect, it } from 'vitest';
import { keyedForWasiP3, wasiP2ImportMap } from './wasi-p2-keys.ts';

describe("a WASI 0.3 component's WASI 0.2 import keys", () => {
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
