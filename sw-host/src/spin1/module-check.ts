/**
 * Whether the host can run a Spin 1 HTTP module, from its imports and exports alone (before any
 * code of it is compiled): it must export its memory, `canonical_abi_realloc` and
 * `handle-http-request`, and import only `wasi_snapshot_preview1` and `spin-config`, which the
 * host implements (preview1.ts, spin-config.ts). Spin 1's other host interfaces are named, each
 * with what it is, so the deployer knows which feature of the app stops it.
 */
import { readLayout } from '../core-wasm/deadline/module-sections.ts';
import { PREVIEW1_FUNCTIONS } from './preview1-functions.ts';

export const PREVIEW1_MODULE = 'wasi_snapshot_preview1';
export const SPIN_CONFIG_MODULE = 'spin-config';
const REQUIRED_EXPORTS = ['memory', 'canonical_abi_realloc', 'handle-http-request'];

/** Spin 1's other import modules (fermyon/spin, wit/ephemeral/), by what they give. */
const NOT_PROVIDED: Record<string, string> = {
  'wasi-outbound-http': "Spin 1's outbound HTTP",
  'key-value': "Spin 1's key-value",
  'outbound-redis': 'outbound Redis',
  'outbound-pg': 'outbound PostgreSQL',
  'outbound-mysql': 'outbound MySQL',
  'spin-sqlite': 'SQLite',
  sqlite: 'SQLite',
  llm: 'Serverless AI',
  'spin-llm': 'Serverless AI',
};

const PREVIEW1 = new Set<string>(PREVIEW1_FUNCTIONS);

/** What stops the module from running here, one clause each; empty when it can run. */
export function spin1ModuleProblems(bytes: Uint8Array): string[] {
  const layout = readLayout(bytes);
  const problems: string[] = [];
  const missing = REQUIRED_EXPORTS.filter((name) => !layout.exportNames.has(name));
  if (missing.length) {
    problems.push(
      `it does not export ${missing.join(', ')}, which every Spin 1 HTTP module built with ` +
        "wit-bindgen 0.2 exports (the host passes the request through the module's own allocator)",
    );
  }
  const unsupported = layout.functionImports.filter(
    ({ module, name }) =>
      !(module === PREVIEW1_MODULE && PREVIEW1.has(name)) &&
      !(module === SPIN_CONFIG_MODULE && name === 'get-config'),
  );
  if (unsupported.length) {
    const named = unsupported.map(({ module, name }) => {
      const what = module === PREVIEW1_MODULE ? 'not a WASI preview 1 function' : NOT_PROVIDED[module];
      return `"${module}.${name}"${what ? ` (${what})` : ''}`;
    });
    problems.push(
      `it imports what Swerve does not provide to Spin 1 modules: ${named.join(', ')}. ` +
        'Swerve gives them wasi_snapshot_preview1 and spin-config',
    );
  }
  return problems;
}
