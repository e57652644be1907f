/**
 * What a core WebAssembly module (not a component) is, from its imports, exports and custom
 * sections alone, and what would run it. Spin runs some core modules by componentizing them
 * when it loads them; Swerve does the same where the toolchain allows it in a browser, and
 * otherwise says precisely what the module is.
 */
import { readLayout } from '../core-wasm/deadline/module-sections.ts';
import { spin1ModuleProblems } from '../spin1/module-check.ts';

export type CoreModuleKind =
  /**
   * A module with its WIT world embedded (a `component-type` custom section), as wit-bindgen
   * leaves a wasm32-wasip1 build: `wasm-tools component new` with the WASI preview 1 adapter
   * makes it a component, as Spin does at load.
   */
  | { kind: 'wit-embedded'; preview1: boolean }
  /**
   * Spin 1.x's HTTP ABI: exports `handle-http-request`; Spin adapts it with spin-componentize,
   * Swerve runs it through its own implementation of the ABI (spin1/) unless `problems` says why not.
   */
  | { kind: 'spin-1-http'; problems: string[] }
  /** A WASI preview 1 command (`_start`): Spin runs those only through its Wagi executor. */
  | { kind: 'wasi-command' }
  | { kind: 'unknown'; exports: string[] };

const PREVIEW1 = 'wasi_snapshot_preview1';

export function describeCoreModule(bytes: Uint8Array): CoreModuleKind {
  const layout = readLayout(bytes);
  const preview1 = layout.importModules.has(PREVIEW1);
  if (layout.customSections.some((name) => name.startsWith('component-type'))) {
    return { kind: 'wit-embedded', preview1 };
  }
  if (layout.exportNames.has('handle-http-request')) {
    return { kind: 'spin-1-http', problems: spin1ModuleProblems(bytes) };
  }
  if (layout.exportNames.has('_start')) return { kind: 'wasi-command' };
  return { kind: 'unknown', exports: [...layout.exportNames] };
}

/** Why `label`, a core module of this kind, cannot be deployed as it is, and what to do. */
export function coreModuleProblem(kind: CoreModuleKind, label: string): string {
  switch (kind.kind) {
    case 'wit-embedded':
      return (
        `${label} is a core module with its WIT world embedded (a wasm32-wasip1 build with wit-bindgen). ` +
        'The page-side client componentizes such modules before deploying them (connectHost().deploy); ' +
        'deploy it through the client, or make it a component with `wasm-tools component new --adapt`.'
      );
    case 'spin-1-http':
      return (
        `${label} is a Spin 1.x module (a core module exporting handle-http-request, Spin 1's HTTP ABI) ` +
        `that Swerve cannot run: ${kind.problems.join('; ')}. Rebuild it with a current Spin SDK ` +
        '(spin build with spin-sdk 3 or newer, or the Spin JS SDK), or run it with spin up.'
      );
    case 'wasi-command':
      return (
        `${label} is a WASI preview 1 command module (it exports _start and no WIT world): Spin runs such ` +
        'modules only with its Wagi executor, which Swerve does not have. Build a WASI 0.2 HTTP component ' +
        'instead (componentize-js, cargo component, or spin build with a current SDK).'
      );
    case 'unknown':
      return (
        `${label} is a core WebAssembly module with no WIT world embedded (it exports ` +
        `${kind.exports.join(', ') || 'nothing'}), so nothing says what its exports mean. Build it with ` +
        'wit-bindgen or spin build so it carries its world, or make it a component with `wasm-tools component new`.'
      );
  }
}
