/**
 * The JSPI list the Node build pipeline transpiles with (component/generate-options.json, read
 * by components/scripts/build-component.js) is the one the capability table gives: run
 * `npm run generate:capabilities` after changing the table.
 */
import { describe, expect, it } from 'vitest';
import generateOptions from '../component/generate-options.json';
import { JSPI_EXPORTS, JSPI_IMPORTS } from './jspi-imports.ts';

describe('the JSPI list', () => {
  it('in generate-options.json is the capability table’s', () => {
    expect(generateOptions.asyncMode.val.imports).toEqual(JSPI_IMPORTS);
    expect(generateOptions.asyncMode.val.exports).toEqual(JSPI_EXPORTS);
  });

  it('names a single-version interface with its version and a WASI 0.2 one without', () => {
    expect(JSPI_IMPORTS).toContain('wasi:io/poll#[method]pollable.block');
    expect(JSPI_IMPORTS).toContain('fermyon:spin/key-value@2.0.0#[method]store.get');
    expect(JSPI_IMPORTS).toContain('wasi:keyvalue/atomics@0.2.0-draft2#[static]cas.new');
  });
});
