/**
 * Keeps each loaded component for as long as the worker lives, keyed by version, so that a
 * component is fetched, compiled and evaluated once and then only instantiated per request.
 * Concurrent first requests share one load; a failed load is forgotten so the next request
 * retries it.
 */
import type { LoadedComponent } from './loaded-component.ts';

export class ComponentCache {
  readonly #loads = new Map<string, Promise<LoadedComponent>>();

  get(version: string, load: () => Promise<LoadedComponent>): Promise<LoadedComponent> {
    let loading = this.#loads.get(version);
    if (!loading) {
      loading = load();
      this.#loads.set(version, loading);
      loading.catch(() => this.#loads.delete(version));
    }
    return loading;
  }
}
