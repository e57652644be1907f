/**
 * Loads a component of a deployed app from wherever its transpiled form lives: the site's
 * build (by URL) or the artifact store (deployed at run time).
 */
import { fetchComponent } from '../component/fetch-component.ts';
import { instrumentCoreModule } from '../component/instrument-core-module.ts';
import { LoadedComponent } from '../component/loaded-component.ts';
import { SwerveError } from '../errors.ts';
import { compileCached } from '../core-wasm/code-cache.ts';
import type { ComponentArtifactsRef } from '../apps/app-definition.ts';
import type { TranspiledBytes } from '../component/transpile-component.ts';
import type { AppStore } from '../apps/app-store.ts';

export async function loadComponent(
  label: string,
  ref: ComponentArtifactsRef,
  store: AppStore,
): Promise<LoadedComponent> {
  if (ref.kind === 'url') {
    return fetchComponent(label, {
      version: ref.version,
      glue: ref.glue,
      coreModules: ref.coreModules,
      componentBytes: 0,
    });
  }
  const started = performance.now();
  const artifacts = await store.artifacts(ref.version);
  if (!artifacts) {
    throw new SwerveError(
      'component-unavailable',
      `${label}: its transpiled component is missing from storage; deploy the app again.`,
    );
  }
  return compileTranspiled(label, ref.version, artifacts, performance.now() - started);
}

/**
 * Compiles a component's transpiled bytes (read from storage, or just transpiled), through Cache
 * Storage so the compiled code outlives the browser session (core-wasm/code-cache.ts). Bytes stored
 * before the current rewrite existed are rewritten here, on every load (deploying again stores
 * them rewritten).
 */
export async function compileTranspiled(
  label: string,
  version: string,
  transpiled: TranspiledBytes,
  fetchMs = 0,
): Promise<LoadedComponent> {
  const started = performance.now();
  const entries = await Promise.all(
    Object.entries(transpiled.coreModules).map(async ([name, bytes]) => {
      const rewritten = instrumentCoreModule(bytes, label, name);
      return [name, await compileCached(version, name, rewritten)] as const;
    }),
  );
  return LoadedComponent.fromTranspiled(
    label,
    version,
    { glue: transpiled.glue, coreModules: Object.fromEntries(entries) },
    { fetchMs, compileMs: performance.now() - started },
  );
}
