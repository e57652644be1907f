/**
 * A component ready to serve: its core modules compiled and its glue evaluated, once per
 * component version. Every request then gets a fresh instance from it (WASI 0.2 semantics, as
 * in Spin: no state survives between requests).
 */
import { SwerveError } from '../errors.ts';
import { DEADLINE_TABLE_EXPORT } from '../runtime/deadline/index.ts';
import type { GuestDeadline } from '../runtime/guest-deadline.ts';
import { evaluateGlue, type ComponentExports, type InstantiateComponent } from './glue.ts';

/** The transpiled form of a component: jco's glue and the core modules it asks for. */
export interface TranspiledComponent {
  glue: string;
  coreModules: Record<string, WebAssembly.Module>;
}

/** How long each loading step took, in milliseconds. */
export interface LoadTimings {
  fetchMs: number;
  compileMs: number;
  glueMs: number;
}

export class LoadedComponent {
  readonly #instantiate: InstantiateComponent;
  readonly #coreModules: Record<string, WebAssembly.Module>;

  private constructor(
    readonly label: string,
    readonly version: string,
    instantiate: InstantiateComponent,
    coreModules: Record<string, WebAssembly.Module>,
    readonly timings: LoadTimings,
  ) {
    this.#instantiate = instantiate;
    this.#coreModules = coreModules;
  }

  /** Prepares a component from its compiled core modules and glue source. */
  static fromTranspiled(
    label: string,
    version: string,
    transpiled: TranspiledComponent,
    timings: Omit<LoadTimings, 'glueMs'>,
  ): LoadedComponent {
    for (const [name, module] of Object.entries(transpiled.coreModules)) {
      if (!WebAssembly.Module.exports(module).some((entry) => entry.name === DEADLINE_TABLE_EXPORT)) {
        // Such a guest could hold the worker's one thread for good: refuse it.
        throw new SwerveError(
          'component-invalid',
          `${label}: its core module ${name} is not instrumented for deadlines. ` +
            'Rebuild the site (build:components, then vite build) or deploy the component again.',
        );
      }
    }
    const started = performance.now();
    const instantiate = evaluateGlue(transpiled.glue, label);
    const glueMs = performance.now() - started;
    return new LoadedComponent(label, version, instantiate, transpiled.coreModules, { ...timings, glueMs });
  }

  /**
   * A new instance with the given imports, each core instance connected to `deadline`. Core
   * instances are created synchronously: the modules are already compiled, and in a worker
   * there is no size limit on sync instantiation.
   */
  async instantiate(imports: Record<string, unknown>, deadline: GuestDeadline): Promise<ComponentExports> {
    const getCoreModule = (name: string) => {
      const module = this.#coreModules[name];
      if (!module) {
        throw new SwerveError(
          'component-invalid',
          `${this.label} asks for a core module "${name}" it was not given.`,
        );
      }
      return module;
    };
    return this.#instantiate(getCoreModule, imports, (module, moduleImports) => {
      const instance = new WebAssembly.Instance(module, moduleImports);
      deadline.attach(instance);
      return instance;
    });
  }
}
