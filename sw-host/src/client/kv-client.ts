/**
 * A page's handle on one of an app's key-value stores: the same store the app's components
 * use, so a page sees what they wrote and they see what the page wrote.
 */
import type { KvDump } from '../kv/kv-dump.ts';
import type { HostRequests, HostReplies, HostRequestType } from '../protocol/messages.ts';

type Request = <T extends HostRequestType>(type: T, payload: HostRequests[T]) => Promise<HostReplies[T]>;

export interface KvClient {
  /** Every key, sorted. */
  keys(): Promise<string[]>;
  /** The value of `key`, or undefined when it is not set. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** The value of `key` decoded as UTF-8, or undefined when it is not set. */
  getText(key: string): Promise<string | undefined>;
  /** Sets `key`; strings are stored as UTF-8. */
  set(key: string, value: string | Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  /** Removes every key. */
  clear(): Promise<void>;
  /** The whole store as JSON (values as text when they are UTF-8, else base64). */
  export(): Promise<KvDump>;
  /** Sets every entry of a dump made by `export()` (other keys are kept); returns how many. */
  import(dump: KvDump): Promise<number>;
}

export function kvClient(request: Request, app: string, label: string): KvClient {
  const target = { app, label };
  return {
    keys: async () => (await request('kv-keys', target)).keys,
    get: async (key) => (await request('kv-get', { ...target, key })).value,
    async getText(key) {
      const value = await this.get(key);
      return value === undefined ? undefined : new TextDecoder().decode(value);
    },
    async set(key, value) {
      const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
      await request('kv-set', { ...target, key, value: bytes });
    },
    async delete(key) {
      await request('kv-delete', { ...target, key });
    },
    async clear() {
      await request('kv-clear', target);
    },
    export: async () => (await request('kv-export', target)).dump,
    import: async (dump) => (await request('kv-import', { ...target, dump })).imported,
  };
}
