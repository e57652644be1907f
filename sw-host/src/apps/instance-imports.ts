/**
 * Everything one fresh instance of a component imports: WASI (its own stdout and stderr, its
 * environment, its own copy of its files), Spin variables and `wasi:config`, and key-value
 * stores. Each capability comes from the component's manifest and nothing else.
 */
import { createKvImports, idbBackends, type KvBackendProvider } from '../kv/index.ts';
import { createVariablesImports } from '../spin/variables-host.ts';
import { createWasiImports, type LineSink } from '../wasi/wasi-imports.ts';
import type { AppComponent, DeployedApp } from './deployed-app.ts';
import { instanceFileTree, isEmptyTree } from './file-tree.ts';

export interface InstanceSinks {
  stdout: LineSink;
  stderr: LineSink;
  warn: (message: string) => void;
}

// One provider per app name, so every request of an app reuses one IndexedDB connection per store.
const kvBackends = new Map<string, KvBackendProvider>();

export function instanceImports(app: DeployedApp, component: AppComponent, sinks: InstanceSinks) {
  let backends = kvBackends.get(app.name);
  if (!backends) kvBackends.set(app.name, (backends = idbBackends(app.name)));
  const storeFor = backends;
  return {
    ...createWasiImports({
      stdout: sinks.stdout,
      stderr: sinks.stderr,
      environment: component.manifest.environment,
      files: isEmptyTree(component.files) ? undefined : instanceFileTree(component.files),
    }),
    ...createVariablesImports(component.variables),
    ...createKvImports({
      appId: app.name,
      allowedLabels: component.manifest.keyValueStores,
      backendFor: (label) => (app.definesStore(label) ? storeFor(label) : undefined),
      warn: sinks.warn,
    }),
  };
}
