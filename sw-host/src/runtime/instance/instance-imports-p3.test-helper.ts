/**
 * The imports of a WASI 0.3 instance of a small app, for tests: its manifest gives an
 * environment, its deploy another on top, and its output is collected in `lines`.
 */
import type { AppDefinition } from '../../apps/app-definition.ts';
import { DeployedApp } from '../../apps/deployed-app.ts';
import { p3InstanceImports, type P3ImportsDeadline } from './instance-imports-p3.ts';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "p3"
[[trigger.http]]
route = "/..."
component = "api"
[component.api]
source = "api.wasm"
environment = { FROM_MANIFEST = "manifest", BOTH = "manifest" }
`;

const notUsed = async (): Promise<Response> => {
  throw new Error('not called');
};

export function p3TestImports(deadline: P3ImportsDeadline) {
  const definition: AppDefinition = {
    name: 'p3',
    mount: '/',
    manifestText: MANIFEST,
    manifestFile: 'spin.toml',
    variables: {},
    keyValueStores: [],
    components: { api: { kind: 'stored', version: 'v1', wasiP3: true } },
    files: {},
    origin: 'deployed',
    deployedAt: 0,
    environment: { FROM_DEPLOY: 'deploy', BOTH: 'deploy' },
  };
  const app = DeployedApp.prepare(definition).app;
  const lines: string[] = [];
  const sinks = {
    stdout: (line: string) => lines.push(`out ${line}`),
    stderr: (line: string) => lines.push(`err ${line}`),
    warn: () => {},
  };
  const object = p3InstanceImports({
    app,
    component: app.components.get('api')!,
    sinks: () => sinks,
    server: () => ({ handle: notUsed, handleChained: notUsed }),
    deadline,
  }) as unknown as Record<string, Record<string, unknown>>;
  return { object, lines };
}
