/**
 * What jco's generator makes of a WASI 0.3 HTTP handler today, with the options the host uses
 * (docs/decisions/0018-wasi-0-3.md): the facts a WASI 0.3 host side will be built on. Each
 * assertion fails when the toolchain changes what it gives.
 */
import { $init, generate, type GenerateOptions } from '@bytecodealliance/jco-transpile/component';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../../built-components.test-helper.ts';
import generateOptions from '../../component/generate-options.json';

describe("jco-transpile 0.15's glue for a wasi:http/handler@0.3.0 component", () => {
  it('transpiles, imports only wasi:http/types (Fields, Request, Response) and exports the handler', async () => {
    await $init;
    const { files, imports, exports } = generate(
      builtFile('fixtures/http-p3/dist/http-p3.wasm'),
      generateOptions as GenerateOptions,
    );
    expect(imports).toEqual(['wasi:http/types']);
    expect(exports).toEqual([
      ['handler', 'instance'],
      ['wasi:http/handler@0.3.0', 'instance'],
    ]);
    const glue = new TextDecoder().decode(files.find(([name]) => name === 'component.js')![1]);
    expect(glue).toContain("const { Fields, Request, Response } = imports['wasi:http/types'];");
    // The async export is a JSPI promising function and a synchronous future.write a JSPI
    // suspension, whatever asyncMode says: the glue runs only where JSPI exists (Chromium, not
    // Node 20). The fixture's async stream.write is a plain call.
    expect(glue).toContain("WebAssembly.promising(exports1['[async-lift]wasi:http/handler@0.3.0#handle'])");
    expect(glue).toMatch(/new WebAssembly\.Suspending\(_suspendingImport\(0, futureWrite\.bind/);
    expect(glue).toMatch(/= streamWrite\.bind\(null, \{/);
  });

  it('makes a synchronous stream.write a JSPI suspension (the one that never resumes in Chromium 156)', async () => {
    await $init;
    const { files } = generate(
      builtFile('fixtures/http-p3/dist/http-p3-sync-write.wasm'),
      generateOptions as GenerateOptions,
    );
    const glue = new TextDecoder().decode(files.find(([name]) => name === 'component.js')![1]);
    expect(glue).toMatch(/new WebAssembly\.Suspending\(_suspendingImport\(0, streamWrite\.bind/);
  });
});
