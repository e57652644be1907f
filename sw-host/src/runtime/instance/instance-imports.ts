/**
 * Everything one fresh instance of a component imports: WASI (its own stdout and stderr, its
 * environment, its own copy of its files, outgoing HTTP within its `allowed_outbound_hosts`),
 * Spin variables and `wasi:config`, key-value stores and SQLite databases. Each capability comes from the
 * component's manifest and nothing else. Past the instance's deadline its key-value stores
 * and SQLite databases refuse every operation.
 */
import { createKvImports } from '../../kv/index.ts';
import type { GuestDeadline } from '../../core-wasm/guest-deadline.ts';
import { createSpinVariables } from '../../spin/variables.ts';
import { createWasiConfig } from '../../spin/wasi-config.ts';
import { createWasiImports, type LineSink } from '../../wasi/wasi-imports.ts';
import { appOutbound, type InProcessServer } from './app-outbound.ts';
import { relayFor } from './outbound-relay.ts';
import type { AppComponent, DeployedApp } from '../../apps/deployed-app.ts';
import { instanceFileTree, isEmptyTree } from '../../wasi/file-tree.ts';
import { appStore } from '../../apps/kv-stores.ts';
import { appDatabase } from '../../apps/sqlite-databases.ts';
import { createSqliteImports } from '../../sqlite/index.ts';
import type { OutboundCall } from '../../protocol/outbound-calls.ts';

export interface InstanceSinks {
  stdout: LineSink;
  stderr: LineSink;
  warn: (message: string) => void;
  /** Each outgoing HTTP request, once it ended (answered, failed or denied): for the request record. */
  outbound?: (call: OutboundCall) => void;
}

/** @param server serves the requests the instance makes to its own app. */
export function instanceImports(
  app: DeployedApp,
  component: AppComponent,
  sinks: InstanceSinks,
  deadline: GuestDeadline,
  server: InProcessServer,
) {
  return {
    ...createWasiImports({
      stdout: sinks.stdout,
      stderr: sinks.stderr,
      environment: { ...component.manifest.environment, ...app.definition.environment },
      files: isEmptyTree(component.files) ? undefined : instanceFileTree(component.files),
      outbound: appOutbound({
        app,
        component,
        server,
        warn: sinks.warn,
        origin: self.location.origin,
        relay: relayFor(self.location.origin),
        onCall: sinks.outbound,
      }),
    }),
    'fermyon:spin/variables': createSpinVariables(component.variables),
    'wasi:config/store': createWasiConfig(component.variables),
    ...createKvImports({
      appId: app.name,
      allowedLabels: component.manifest.keyValueStores,
      backendFor: (label) => {
        const backend = appStore(app, label);
        return backend && deadline.guard(backend);
      },
      warn: sinks.warn,
    }),
    ...createSqliteImports({
      allowedLabels: component.manifest.sqliteDatabases,
      databaseFor: (label) => {
        const database = appDatabase(app, label);
        return database && deadline.guard(database);
      },
    }),
  };
}
