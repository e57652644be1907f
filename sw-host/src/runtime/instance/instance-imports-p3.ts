/**
 * Everything a WASI 0.3 instance imports. Unlike a WASI 0.2 instance (instance-imports.ts), one
 * instance serves many requests (runtime/instances-p3.ts), so nothing here may hold a request:
 * what depends on the request served (whose log gets output, who serves its requests to its own
 * app) is asked at each use through `sinks` and `server`. Capabilities come from the
 * component's manifest, as for WASI 0.2.
 *
 * A WASI 0.3 component gets WASI 0.3's interfaces (sw-host/src/wasi/*-p3/) and, keyed apart
 * (component/wasi-p2-keys.ts), the WASI 0.2 host side a WASI 0.2 instance gets, made once per
 * instance: Rust's std on wasm32-wasip2 imports WASI 0.2 beside a WASI 0.3 SDK's imports. Every
 * host function refuses to start once the instance is stopped by a deadline.
 */
import type { ImportObject } from '../../capabilities/host-side.ts';
import { keyedForWasiP3 } from '../../component/wasi-p2-keys.ts';
import { createSpinKeyValueP3 } from '../../kv/spin-key-value-p3.ts';
import { createSpinVariables } from '../../spin/variables.ts';
import { createSpinVariablesP3 } from '../../spin/variables-p3.ts';
import { createWasiConfig } from '../../spin/wasi-config.ts';
import { createP3Environment } from '../../wasi/cli-p3/environment.ts';
import { exit } from '../../wasi/cli-p3/exit.ts';
import { createP3Stderr, createP3Stdout } from '../../wasi/cli-p3/output-streams.ts';
import { stdin } from '../../wasi/cli-p3/stdin.ts';
import { terminals } from '../../wasi/cli-p3/terminals.ts';
import { createMonotonicClock } from '../../wasi/clocks-p3/monotonic-clock.ts';
import { systemClock } from '../../wasi/clocks-p3/system-clock.ts';
import { createP3Client } from '../../wasi/http-p3/client.ts';
import { p3Types } from '../../wasi/http-p3/index.ts';
import { createInsecureSeed } from '../../wasi/random-p3/insecure-seed.ts';
import { insecure, random } from '../../wasi/random-p3/random.ts';
import { createWasiImports } from '../../wasi/wasi-imports.ts';
import { instanceFileTree, isEmptyTree } from '../../wasi/file-tree.ts';
import { appOutbound, type InProcessServer } from './app-outbound.ts';
import { relayFor } from './outbound-relay.ts';
import type { AppComponent, DeployedApp } from '../../apps/deployed-app.ts';
import type { InstanceSinks } from './instance-imports.ts';
import { appStore } from '../../apps/kv-stores.ts';
import { appDatabase } from '../../apps/sqlite-databases.ts';
import { createSpinSqliteP3 } from '../../sqlite/spin-sqlite-p3.ts';

/** What the imports need of the instance's deadline (runtime/deadline-p3.ts). */
export interface P3ImportsDeadline {
  /** Aborts when the instance is stopped. */
  readonly signal: AbortSignal;
  /** An interface's host functions, refusing to start once the instance is stopped. */
  guard<T extends object>(imports: T): T;
}

export interface P3InstanceContext {
  readonly app: DeployedApp;
  readonly component: AppComponent;
  /** The sinks of the request the instance serves now. */
  readonly sinks: () => InstanceSinks;
  /** Serves the requests to its own app of the request the instance serves now. */
  readonly server: () => InProcessServer;
  readonly deadline: P3ImportsDeadline;
}

export function p3InstanceImports({ app, component, sinks, server, deadline }: P3InstanceContext) {
  // The component's allowed_outbound_hosts, its app's own URLs served through the request served
  // now, swerve up's relay: for WASI 0.2's outgoing handler and WASI 0.3's client alike.
  const outbound = appOutbound({
    app,
    component,
    server: {
      handle: (...args) => server().handle(...args),
      handleChained: (...args) => server().handleChained(...args),
    },
    warn: (message) => sinks().warn(message),
    origin: self.location.origin,
    relay: relayFor(self.location.origin),
    onCall: (call) => sinks().outbound?.(call),
  });
  // As a WASI 0.2 instance gets it (instance-imports.ts).
  const environment = { ...component.manifest.environment, ...app.definition.environment };
  const wasiP2 = createWasiImports({
    stdout: (line) => sinks().stdout(line),
    stderr: (line) => sinks().stderr(line),
    environment,
    files: isEmptyTree(component.files) ? undefined : instanceFileTree(component.files),
    outbound,
  });
  const wasiP3 = {
    'wasi:cli/environment': createP3Environment(environment),
    'wasi:cli/exit': exit,
    'wasi:cli/stdin': stdin,
    ...terminals,
    'wasi:cli/stdout': createP3Stdout(sinks),
    'wasi:cli/stderr': createP3Stderr(sinks),
    'wasi:clocks/monotonic-clock': createMonotonicClock(deadline.signal),
    'wasi:clocks/system-clock': systemClock,
    'wasi:random/random': random,
    'wasi:random/insecure': insecure,
    'wasi:random/insecure-seed': createInsecureSeed(),
    'wasi:http/client': createP3Client(() => outbound),
    'spin:variables/variables': createSpinVariablesP3(component.variables),
    // fermyon:spin/variables@2.0.0 and wasi:config/store, synchronous.
    'fermyon:spin/variables': createSpinVariables(component.variables),
    'wasi:config/store': createWasiConfig(component.variables),
  };
  const guarded = <T extends ImportObject>(imports: T): T =>
    Object.fromEntries(Object.entries(imports).map(([name, value]) => [name, deadline.guard(value)])) as T;
  return {
    'wasi:http/types': p3Types,
    ...guarded(wasiP3),
    ...guarded(keyedForWasiP3(wasiP2)),
    // The same stores, labels and rules as a WASI 0.2 instance's fermyon:spin/key-value, with
    // one table of open stores for the instance's life, as in Spin 4. Its `Store` is a resource
    // class the glue constructs, so the stores themselves are guarded, not the interface.
    'spin:key-value/key-value': createSpinKeyValueP3({
      appId: app.name,
      allowedLabels: component.manifest.keyValueStores,
      backendFor: (label) => {
        const backend = appStore(app, label);
        return backend && deadline.guard(backend);
      },
      warn: (message: string) => sinks().warn(message),
    }),
    // spin:sqlite/sqlite@3.1.0 over the app's databases, one table of open connections for the
    // instance's life; the databases are guarded, as the stores are.
    'spin:sqlite/sqlite': createSpinSqliteP3({
      allowedLabels: component.manifest.sqliteDatabases,
      databaseFor: (label) => {
        const database = appDatabase(app, label);
        return database && deadline.guard(database);
      },
    }),
  };
}
