/**
 * Requests pages make of an app's key-value store (the playground's inspector, tests, seeding).
 */
import type { KvDump } from '../kv/kv-dump.ts';

/** Which store: an app's, by label. */
export interface KvTarget {
  app: string;
  label: string;
}

export interface KvRequests {
  'kv-keys': KvTarget;
  'kv-get': KvTarget & { key: string };
  'kv-set': KvTarget & { key: string; value: Uint8Array };
  'kv-delete': KvTarget & { key: string };
  'kv-clear': KvTarget;
  'kv-export': KvTarget;
  /** Sets every entry of the dump (others are kept); checks the whole dump first. */
  'kv-import': KvTarget & { dump: KvDump };
}

export interface KvReplies {
  'kv-keys': { keys: string[] };
  'kv-get': { value: Uint8Array | undefined };
  'kv-set': { done: true };
  'kv-delete': { done: true };
  'kv-clear': { done: true };
  'kv-export': { dump: KvDump };
  'kv-import': { imported: number };
}
