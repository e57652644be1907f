/**
 * Puts values in an app's stores at deploy (`spin up --key-value key=value` does this for the
 * default store), replacing what those keys held.
 */
import type { DeployedApp } from './deployed-app.ts';
import { requireAppStore } from './kv-stores.ts';

export async function seedStores(
  app: DeployedApp,
  keyValues: Record<string, Record<string, string | Uint8Array>>,
): Promise<void> {
  for (const [label, values] of Object.entries(keyValues)) {
    const entries = Object.entries(values).map(
      ([key, value]) => [key, typeof value === 'string' ? new TextEncoder().encode(value) : value] as const,
    );
    if (entries.length > 0) await requireAppStore(app, label).setMany(entries);
  }
}
