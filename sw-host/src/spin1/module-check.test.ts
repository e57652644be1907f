import { describe, expect, it } from 'vitest';
import { builtFile } from '../built-components.test-helper.ts';
import { spin1ModuleProblems } from './module-check.ts';

/** A Spin 1 module's surface with the given extra function imports, assembled from WAT. */
async function spin1Module(imports: [module: string, name: string][]): Promise<Uint8Array> {
  const { parse } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const lines = imports.map(([module, name]) => `(import "${module}" "${name}" (func))`);
  return parse(`(module ${lines.join(' ')}
    (memory (export "memory") 1)
    (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) i32.const 0)
    (func (export "handle-http-request") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) i32.const 0))`);
}

describe('spin1ModuleProblems', () => {
  it('finds nothing wrong with the fixture built by the pipeline', () => {
    expect(spin1ModuleProblems(builtFile('fixtures/spin1-http/dist/spin1-http.wasm'))).toEqual([]);
  });

  it("names each of Spin 1's interfaces the host does not provide, with what it is", async () => {
    const bytes = await spin1Module([
      ['wasi_snapshot_preview1', 'fd_write'],
      ['wasi-outbound-http', 'request'],
      ['key-value', 'open'],
      ['outbound-redis', 'publish'],
      ['wasi_snapshot_preview1', 'not_a_function'],
    ]);
    expect(spin1ModuleProblems(bytes)).toEqual([
      'it imports what Swerve does not provide to Spin 1 modules: ' +
        `"wasi-outbound-http.request" (Spin 1's outbound HTTP), "key-value.open" (Spin 1's key-value), ` +
        '"outbound-redis.publish" (outbound Redis), "wasi_snapshot_preview1.not_a_function" ' +
        '(not a WASI preview 1 function). Swerve gives them wasi_snapshot_preview1 and spin-config',
    ]);
  });
});
