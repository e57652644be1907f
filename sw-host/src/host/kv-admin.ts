/**
 * Answers pages' key-value requests (protocol/kv-requests.ts) on the same stores the guests use,
 * so a page sees what a component wrote and the other way round.
 */
import type { AppRegistry } from '../apps/app-registry.ts';
import { requireAppStore } from '../apps/kv-stores.ts';
import { SwerveError } from '../errors.ts';
import { createDump, readDump } from '../kv/kv-dump.ts';
import type { KvBackend } from '../kv/index.ts';
import type { KvReplies, KvRequests, KvTarget } from '../protocol/kv-requests.ts';

/** What the handlers need of the host (a subset of the message handler's context). */
interface KvContext {
  host: { registry: AppRegistry };
}

async function storeOf({ host: { registry } }: KvContext, { app, label }: KvTarget): Promise<KvBackend> {
  await registry.load();
  const deployed = registry.get(app);
  if (!deployed) throw new SwerveError('kv-invalid', `There is no app "${app}" on this host.`);
  return requireAppStore(deployed, label);
}

type KvHandlers = {
  [T in keyof KvRequests]: (context: KvContext, payload: KvRequests[T]) => Promise<KvReplies[T]>;
};

export const kvHandlers: KvHandlers = {
  'kv-keys': async (context, target) => ({ keys: (await (await storeOf(context, target)).keys()).sort() }),
  'kv-get': async (context, { key, ...target }) => ({
    value: await (await storeOf(context, target)).get(key),
  }),
  async 'kv-set'(context, { key, value, ...target }) {
    await (await storeOf(context, target)).set(key, value);
    return { done: true };
  },
  async 'kv-delete'(context, { key, ...target }) {
    await (await storeOf(context, target)).delete(key);
    return { done: true };
  },
  async 'kv-clear'(context, target) {
    await (await storeOf(context, target)).clear();
    return { done: true };
  },
  async 'kv-export'(context, target) {
    const store = await storeOf(context, target);
    const keys = (await store.keys()).sort();
    const values = await store.getMany(keys);
    return { dump: createDump(keys.flatMap((key, i) => (values[i] ? [[key, values[i]] as const] : []))) };
  },
  async 'kv-import'(context, { dump, ...target }) {
    const entries = readDump(dump);
    await (await storeOf(context, target)).setMany(entries);
    return { imported: entries.length };
  },
};
