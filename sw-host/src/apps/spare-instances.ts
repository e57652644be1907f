/**
 * Keeps one prepared instance per component (apps/prepared-instance.ts), made right after a
 * request of that component has been answered, for the next request to take.
 *
 * Keyed by the component object of a deployed app, so a redeploy (new objects) never receives
 * an instance of the old one; a spare made from an older component version is not used.
 */
import type { AppComponent } from './deployed-app.ts';
import type { PreparedInstance } from './prepared-instance.ts';

export class SpareInstances {
  readonly #spares = new WeakMap<AppComponent, Promise<PreparedInstance | undefined>>();

  /** The spare for `component`, if one is ready or being made for this `version`; it is removed. */
  async take(component: AppComponent, version: string): Promise<PreparedInstance | undefined> {
    const spare = this.#spares.get(component);
    if (!spare) return undefined;
    this.#spares.delete(component);
    const instance = await spare;
    return instance?.version === version ? instance : undefined;
  }

  /**
   * Makes the next spare once the current task is done (so the response in flight goes out
   * first). A failure is forgotten: the next request instantiates as usual and reports it.
   */
  prepare(component: AppComponent, make: () => Promise<PreparedInstance>): void {
    if (this.#spares.has(component)) return;
    this.#spares.set(
      component,
      new Promise((resolve) => setTimeout(resolve, 0)).then(make).catch(() => undefined),
    );
  }
}
