/**
 * Everything a WASI 0.3 instance imports. Unlike a WASI 0.2 instance (instance-imports.ts), one
 * instance serves many requests (runtime/p3-instances.ts), so nothing here may hold a request:
 * what depends on the request served (whose log gets output and warnings, what serves requests
 * to the app itself) is asked at each use through `sinks` and `server`. Capabilities come from
 * the component's manifest, as for WASI 0.2.
 */
import { createSpinKeyValueP3 } from '../kv/spin-key-value-p3.ts';
import { createVariablesP3Imports } from '../spin/variables-p3.ts';
import { createP3OutputStreams } from '../wasi/cli-p3/output-streams.ts';
import { createP3Client } from '../wasi/http-p3/client.ts';
import { p3Types } from '../wasi/http-p3/index.ts';
import { appOutbound, type InProcessServer } from './app-outbound.ts';
import type { AppComponent, DeployedApp } from './deployed-app.ts';
import type { InstanceSinks } from './instance-imports.ts';
import { appStore } from './kv-stores.ts';
import { relayFor } from './outbound-relay.ts';

export interface P3InstanceContext {
  readonly app: DeployedApp;
  readonly component: AppComponent;
  /**
   * The instance's deadlines (runtime/p3-deadline.ts): `guard` gives an object whose methods
   * refuse to start once a request's deadline has stopped the instance.
   */
  readonly deadline: { guard<T extends object>(target: T): T };
  /** The sinks of the request the instance serves now. */
  readonly sinks: () => InstanceSinks;
  /** What serves the requests the guest sends to its own app, for the request served now. */
  readonly server: () => InProcessServer;
}

export function p3InstanceImports({ app, component, deadline, sinks, server }: P3InstanceContext) {
  return {
    'wasi:http/types': p3Types,
    ...createP3OutputStreams(sinks),
    // The same policy and relay as a WASI 0.2 instance's outgoing handler, made at each request
    // from the request then served (its warnings, its server).
    ...createP3Client(() =>
      appOutbound({
        app,
        component,
        server: server(),
        warn: (message) => sinks().warn(message),
        origin: self.location.origin,
        relay: relayFor(self.location.origin),
      }),
    ),
    // The same stores, labels and rules as a WASI 0.2 instance's fermyon:spin/key-value; one
    // table of open stores for the instance's life, as in Spin 4.
    'spin:key-value/key-value': createSpinKeyValueP3({
      appId: app.name,
      allowedLabels: component.manifest.keyValueStores,
      backendFor: (label) => {
        const backend = appStore(app, label);
        return backend && deadline.guard(backend);
      },
      warn: (message: string) => sinks().warn(message),
    }),
    ...createVariablesP3Imports(component.variables),
  };
}
