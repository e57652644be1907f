/**
 * `wasi:keyvalue@0.2.0-draft2` (store, atomics, batch) for one component instance, as Spin 3
 * provides it, keyed as jco's glue looks imports up: one module per interface
 * (wasi-keyvalue-store.ts, -atomics.ts, -batch.ts), sharing the instance's buckets.
 */
import { KvSession } from './kv-session.ts';
import type { KvHostContext } from './kv-session.ts';
import { createWasiKeyValueAtomics } from './wasi-keyvalue-atomics.ts';
import { createWasiKeyValueBatch } from './wasi-keyvalue-batch.ts';
import { createWasiKeyValueStore } from './wasi-keyvalue-store.ts';

/**
 * The `wasi:keyvalue` imports of one component instance. Pass the instance's `KvSession` when
 * it also gets `fermyon:spin/key-value`, so both share one table of open stores.
 */
export function createWasiKeyValue(sessionOrContext: KvSession | KvHostContext) {
  const { store, handleOf } = createWasiKeyValueStore(KvSession.from(sessionOrContext));
  return {
    'wasi:keyvalue/store': store,
    'wasi:keyvalue/atomics': createWasiKeyValueAtomics(handleOf),
    'wasi:keyvalue/batch': createWasiKeyValueBatch(handleOf),
  };
}

/** The three interfaces' import objects. */
export type WasiKeyValueImports = ReturnType<typeof createWasiKeyValue>;
