import { describe, expect, it } from 'vitest';
import { JSPI_IMPORTS } from './jspi-imports.ts';

describe('the JSPI list', () => {
  it('names a single-version interface with its version and a WASI 0.2 one without', () => {
    expect(JSPI_IMPORTS).toContain('wasi:io/poll#[method]pollable.block');
    expect(JSPI_IMPORTS).toContain('fermyon:spin/key-value@2.0.0#[method]store.get');
    expect(JSPI_IMPORTS).toContain('wasi:keyvalue/atomics@0.2.0-draft2#[static]cas.new');
    expect(JSPI_IMPORTS.filter((name) => name.startsWith('wasi:io/streams@'))).toEqual([]);
  });

  it('names each function once though both worlds import WASI 0.2', () => {
    expect(new Set(JSPI_IMPORTS).size).toBe(JSPI_IMPORTS.length);
  });
});
