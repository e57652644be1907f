/**
 * Spin 1 HTTP modules (core modules exporting `handle-http-request`), run by implementing their
 * ABI on the host: docs/decisions/0022-spin-1-modules.md. `artifacts.ts` and `module-check.ts`
 * need no WebAssembly API (the CLI reads them under Node's types); the adapter runs in workers.
 */
export { isSpin1Glue, SPIN1_GLUE, SPIN1_MODULE_FILE } from './artifacts.ts';
export { instantiateSpin1 } from './inbound-http-adapter.ts';
export { spin1ModuleProblems } from './module-check.ts';
