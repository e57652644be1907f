/**
 * A component ready to serve: its core modules compiled and its glue evaluated, once per
 * component version. Every request then gets a fresh instance from it (WASI 0.2 semantics, as
 * in Spin: no state survives between requests).
 */
import type { ImportObject } from '../capabilities/host-side.ts';
import { SwerveError } from '../errors.ts';
import { DEADLINE_TABLE_EXPORT } from '../core-wasm/deadline/index.ts';
import type { GuestDeadline } from '../core-wasm/guest-deadline.ts';
import { MEMORY_IMPORT_MODULE, MEMORY_IMPORT_NAME } from '../core-wasm/memory-image/index.ts';
import { MemoryPool } from '../core-wasm/memory-pool.ts';
import { instantiateSpin1, isSpin1Glue } from '../spin1/index.ts';
import {
  evaluateGlue,
  glueExportsWasiP3Handler,
  glueExportsWasiP3ReleaseCandidate,
  type ComponentExports,
  type InstantiateComponent,
} from './glue.ts';

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

/** What connects a new instance's core instances to a deadline (core-wasm/guest-deadline.ts). */
export type DeadlineAttachment = Pick<GuestDeadline, 'attach'>;

/** A new instance of a component: its exports, and its memories to give back when it is done. */
export interface ComponentInstance {
  exports: ComponentExports;
  /**
   * Gives the instance's memories back for reuse. Call it once no code of this instance can run
   * any more (its handler returned or trapped); never for an instance abandoned at a deadline,
   * which may still be suspended and resume. Not calling it is always safe.
   */
  release(): void;
}

export class LoadedComponent {
  readonly #instantiate: InstantiateComponent;
  readonly #coreModules: Record<string, WebAssembly.Module>;
  /** The memory pool of each core module whose memory image was taken out (core-wasm/memory-image/). */
  readonly #pools = new Map<WebAssembly.Module, MemoryPool>();

  private constructor(
    readonly label: string,
    readonly version: string,
    instantiate: InstantiateComponent,
    coreModules: Record<string, WebAssembly.Module>,
    readonly timings: LoadTimings,
    /** Whether it exports WASI 0.3's `wasi:http/handler` (else WASI 0.2's incoming-handler). */
    readonly wasiP3: boolean,
    /** Whether that handler is the release candidate's (`@0.3.0-rc-2026-03-15`, Spin 4.0's). */
    readonly wasiP3ReleaseCandidate: boolean,
  ) {
    this.#instantiate = instantiate;
    this.#coreModules = coreModules;
    for (const module of Object.values(coreModules)) {
      const pool = MemoryPool.of(module);
      if (pool) this.#pools.set(module, pool);
    }
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
    // A Spin 1 module's adapter stands where a component's glue stands.
    const instantiate = isSpin1Glue(transpiled.glue)
      ? instantiateSpin1
      : evaluateGlue(transpiled.glue, label);
    const glueMs = performance.now() - started;
    return new LoadedComponent(
      label,
      version,
      instantiate,
      transpiled.coreModules,
      { ...timings, glueMs },
      glueExportsWasiP3Handler(transpiled.glue),
      glueExportsWasiP3ReleaseCandidate(transpiled.glue),
    );
  }

  /**
   * A new instance with the given imports, each core instance connected to `deadline`. Core
   * instances are created synchronously: the modules are already compiled, and in a worker
   * there is no size limit on sync instantiation. A core module whose memory image was taken
   * out gets a memory from its pool, equal to the one a fresh instance would have made.
   */
  async instantiate(imports: ImportObject, deadline: DeadlineAttachment): Promise<ComponentInstance> {
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
    const taken: [MemoryPool, WebAssembly.Memory][] = [];
    const release = () => {
      for (const [pool, memory] of taken.splice(0)) pool.give(memory);
    };
    const exports = await this.#instantiate(getCoreModule, imports, (module, moduleImports) => {
      const pool = this.#pools.get(module);
      let withMemory = moduleImports;
      if (pool) {
        const memory = pool.take();
        taken.push([pool, memory]);
        withMemory = { ...moduleImports, [MEMORY_IMPORT_MODULE]: { [MEMORY_IMPORT_NAME]: memory } };
      }
      const instance = new WebAssembly.Instance(module, withMemory);
      deadline.attach(instance);
      return instance;
    });
    return { exports, release };
  }
}
