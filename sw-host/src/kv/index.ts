/**
 * Key-value stores for Spin apps: `fermyon:spin/key-value@2.0.0`, `spin:key-value@3.0.0`
 * (spin-key-value-p3.ts, for WASI 0.3 guests) and `wasi:keyvalue@0.2.0-draft2` for guests, over a backend per (app, label) in IndexedDB or
 * memory. Environment-agnostic: IndexedDB and Web Locks are used through globals when present.
 */
export type { KvBackend, KvUpdateDecision, KvUpdateResult, KvWriteResult } from './kv-backend.ts';
export { MemoryKvBackend } from './memory-backend.ts';
export { IdbKvBackend, type IdbKvBackendOptions } from './idb-backend.ts';
export { kvDatabaseName, KV_SCHEMA_VERSION, KV_ENTRIES_STORE, globalIndexedDB } from './idb-database.ts';
export { idbBackends, memoryBackends, type KvBackendProvider } from './backend-provider.ts';
export { KvStorageError, isQuotaExceeded, type KvStorageFailure } from './kv-storage-error.ts';
export {
  InProcessKvLock,
  WebLocksKvLock,
  defaultKvLock,
  globalLockManager,
  type KvLock,
  type LockManagerLike,
} from './kv-lock.ts';
export { encodeInt64LE, decodeInt64LE, addInt64, INT64_BYTES } from './int64-le.ts';
export { HOSTED_KV_LIMITS, hostedLimitWarnings, type HostedLimitWarning } from './hosted-limits.ts';
export { KvFailure, type KvFailureKind, type SpinKvError, type WasiKvError } from './kv-failure.ts';
export { KvSession, DEFAULT_STORE_TABLE_CAPACITY, type KvHostContext } from './kv-session.ts';
export { KvStoreHandle, MAX_RESULT_BYTES } from './kv-store-handle.ts';
export {
  createSpinKeyValue,
  type SpinKeyValueImports,
  type SpinKvStore,
  type SpinKvStoreClass,
} from './spin-key-value.ts';
export { createWasiKeyValue, type WasiKeyValueImports } from './wasi-keyvalue.ts';
export type { WasiBucket, WasiKeyResponse } from './wasi-keyvalue-store.ts';
export type { WasiCas, WasiCasError } from './wasi-keyvalue-atomics.ts';
export { createKvImports, type KvImports } from './kv-imports.ts';
