/**
 * The apps this host serves, by mount: those published with the site and those deployed from
 * pages (kept in IndexedDB). Loaded once per worker start; an app that fails to load is logged
 * and skipped, never taking the others down with it.
 */
import { SwerveError } from '../errors.ts';
import type { AppDefinition } from './app-definition.ts';
import type { AppStore } from './app-store.ts';
import { DeployedApp } from './deployed-app.ts';

export type HostLog = (level: 'info' | 'warn' | 'error', message: string, app?: string) => void;

export class AppRegistry {
  readonly #apps = new Map<string, DeployedApp>();
  #loading: Promise<void> | undefined;
  #loaded = false;

  constructor(
    readonly store: AppStore,
    readonly siteApps: () => Promise<AppDefinition[]>,
    readonly log: HostLog,
  ) {}

  /** Whether `match` knows every app yet (false until `load()` has finished once). */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Loads site and stored apps, once; later calls wait for the same load. A failed load is retried. */
  load(): Promise<void> {
    this.#loading ??= (async () => {
      const definitions = [
        ...(await this.siteApps().catch((error: unknown) => {
          this.log('error', `Could not load the site's apps: ${String(error)}`);
          return [];
        })),
        ...(await this.store.definitions()),
      ];
      for (const definition of definitions) {
        try {
          this.#install(definition);
        } catch (error) {
          this.log(
            'error',
            `App "${definition.name}" could not be loaded: ${(error as Error).message}`,
            definition.name,
          );
        }
      }
      this.#loaded = true;
    })().catch((error: unknown) => {
      // Forget a failed load (IndexedDB unavailable for a moment), so the next request tries again.
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  /** The app whose mount contains `pathname` (the longest mount wins); `/apps/x` counts as `/apps/x/`. */
  match(pathname: string): DeployedApp | undefined {
    let best: DeployedApp | undefined;
    for (const app of this.#apps.values()) {
      const inside = pathname.startsWith(app.mount) || `${pathname}/` === app.mount;
      if (inside && (!best || app.mount.length > best.mount.length)) best = app;
    }
    return best;
  }

  get(name: string): DeployedApp | undefined {
    return this.#apps.get(name);
  }

  list(): DeployedApp[] {
    return [...this.#apps.values()];
  }

  /** Prepares, stores (for deployed apps) and starts serving an app, replacing one of the same name. */
  async deploy(definition: AppDefinition): Promise<{ app: DeployedApp; warnings: string[] }> {
    await this.load();
    const clash = this.list().find((app) => app.mount === definition.mount && app.name !== definition.name);
    if (clash) {
      throw new SwerveError(
        'mount-taken',
        `Cannot mount "${definition.name}" at ${definition.mount}: app "${clash.name}" is mounted there. ` +
          'Choose another mount, or remove that app first.',
      );
    }
    const prepared = this.#install(definition);
    if (definition.origin === 'deployed') await this.store.saveDefinition(definition);
    return prepared;
  }

  async remove(name: string): Promise<boolean> {
    await this.load();
    const app = this.#apps.get(name);
    if (!app) return false;
    if (app.definition.origin === 'site') {
      throw new SwerveError('app-protected', `App "${name}" is part of the site and cannot be removed.`);
    }
    await this.store.removeDefinition(name);
    this.#apps.delete(name);
    return true;
  }

  #install(definition: AppDefinition): { app: DeployedApp; warnings: string[] } {
    const prepared = DeployedApp.prepare(definition);
    for (const warning of prepared.warnings) this.log('warn', warning, definition.name);
    this.#apps.set(definition.name, prepared.app);
    return prepared;
  }
}
