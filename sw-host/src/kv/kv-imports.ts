/**
 * Every key-value import of one component instance, sharing one `KvSession` (one table of open
 * stores, as in Spin). The service worker calls this once per instance and spreads the result
 * into the import object it gives jco's `instantiate`.
 */
import { KvSession } from './kv-session.ts';
import type { KvHostContext } from './kv-session.ts';
import { createSpinKeyValue } from './spin-key-value.ts';
import type { SpinKeyValueImports } from './spin-key-value.ts';
import { createWasiKeyValue } from './wasi-keyvalue.ts';
import type { WasiKeyValueImports } from './wasi-keyvalue.ts';

/** `fermyon:spin/key-value` and the three `wasi:keyvalue` interfaces, by unversioned name. */
export type KvImports = { readonly 'fermyon:spin/key-value': SpinKeyValueImports } & WasiKeyValueImports;

/** The key-value imports for one fresh component instance. */
export function createKvImports(context: KvHostContext): KvImports {
  const session = new KvSession(context);
  return { 'fermyon:spin/key-value': createSpinKeyValue(session), ...createWasiKeyValue(session) };
}
