/**
 * Everything one fresh instance of a component imports: WASI (its own stdout and stderr, its
 * environment, its own copy of its files), Spin variables and `wasi:config`, and key-value
 * stores. Each capability comes from the component's manifest and nothing else. Past the
 * instance's deadline its key-value stores refuse every operation.
 */
import { createKvImports } from '../kv/index.ts';
import type { GuestDeadline } from '../runtime/guest-deadline.ts';
import { createVariablesImports } from '../spin/variables-host.ts';
import { createWasiImports, type LineSink } from '../wasi/wasi-imports.ts';
import type { AppComponent, DeployedApp } from './deployed-app.ts';
import { instanceFileTree, isEmptyTree } from './file-tree.ts';
import { appStore } from './kv-stores.ts';

export interface InstanceSinks {
  stdout: LineSink;
  stderr: LineSink;
  warn: (message: string) => void;
}

export function instanceImports(
  app: DeployedApp,
  component: AppComponent,
  sinks: InstanceSinks,
  deadline: GuestDeadline,
) {
  return {
    ...createWasiImports({
      stdout: sinks.stdout,
      stderr: sinks.stderr,
      environment: { ...component.manifest.environment, ...app.definition.environment },
      files: isEmptyTree(component.files) ? undefined : instanceFileTree(component.files),
    }),
    ...createVariablesImports(component.variables),
    ...createKvImports({
      appId: app.name,
      allowedLabels: component.manifest.keyValueStores,
      backendFor: (label) => {
        const backend = appStore(app, label);
        return backend && deadline.guard(backend);
      },
      warn: sinks.warn,
    }),
  };
}
