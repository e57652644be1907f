/**
 * Everything a WASI 0.3 instance imports. Unlike a WASI 0.2 instance (instance-imports.ts), one
 * instance serves many requests (runtime/p3-instances.ts), so nothing here may hold a request:
 * what depends on the request served (whose log gets output) is asked at each use through
 * `sinks`. Capabilities come from the component's manifest, as for WASI 0.2.
 */
import { createP3OutputStreams } from '../wasi/cli-p3/output-streams.ts';
import { p3Types } from '../wasi/http-p3/index.ts';
import type { AppComponent, DeployedApp } from './deployed-app.ts';
import type { InstanceSinks } from './instance-imports.ts';

export interface P3InstanceContext {
  readonly app: DeployedApp;
  readonly component: AppComponent;
  /** The sinks of the request the instance serves now. */
  readonly sinks: () => InstanceSinks;
}

export function p3InstanceImports({ sinks }: P3InstanceContext) {
  return {
    'wasi:http/types': p3Types,
    ...createP3OutputStreams(sinks),
  };
}
