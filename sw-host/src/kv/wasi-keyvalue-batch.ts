/**
 * `wasi:keyvalue/batch@0.2.0-draft2` for one component instance, as Spin 3 provides it:
 * `get-many` leaves out keys that have no value (Spin's SQLite store only returns rows it
 * finds), and empty batches touch no store.
 */
import type * as WasiKeyValueBatch from '../capabilities/wit-types/http-wasi-p2/interfaces/wasi-keyvalue-batch.js';
import type { HostSide } from '../capabilities/host-side.ts';
import { wasiKvCall, type BucketHandles, type WasiBucket } from './wasi-keyvalue-store.ts';

export function createWasiKeyValueBatch(handleOf: BucketHandles) {
  return {
    getMany: async (bucket: WasiBucket, keys: string[]): Promise<Array<[string, Uint8Array | undefined]>> => {
      const store = handleOf(bucket);
      return wasiKvCall(store.label, async () => {
        const entries = await store.getMany([...new Set(keys)]);
        return entries.filter(([, value]) => value !== undefined);
      });
    },
    setMany: async (bucket: WasiBucket, keyValues: Array<[string, Uint8Array]>): Promise<void> => {
      const store = handleOf(bucket);
      return wasiKvCall(store.label, () => store.setMany(keyValues));
    },
    deleteMany: async (bucket: WasiBucket, keys: string[]): Promise<void> => {
      const store = handleOf(bucket);
      return wasiKvCall(store.label, () => store.deleteMany(keys));
    },
  } satisfies HostSide<typeof WasiKeyValueBatch>;
}
