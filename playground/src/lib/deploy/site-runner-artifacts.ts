/**
 * The site's runner component (components/runner) is published with the site already
 * transpiled and rewritten, like every site app (`/_swerve/apps.json`). A project, a link or an
 * embed that runs JavaScript deploys that runner to a fresh origin of its own, whose host would
 * otherwise transpile the 14 MiB component again (seconds, at every new origin). Instead the
 * deploy names the published artifacts (`DeployRequest.prepared`), which the host accepts because
 * they are this site's own files under `/_swerve/components/`; the runner's bytes are not sent.
 */
import {
  CATALOG_PATH,
  type AppCatalog,
  type DeployOptions,
  type PreparedComponent,
} from '@swerve/sw-host/client';
import { summariseManifest } from '../manifest/manifest-summary.ts';

/** The catalog app and component the site publishes the runner as (components/runner/spin.toml). */
const RUNNER_APP = 'runner';
const RUNNER_COMPONENT = 'runner';

export interface SiteRunnerArtifacts {
  prepared: PreparedComponent;
  /** The size of the runner's .wasm, a cheap first test before hashing a file. */
  componentBytes: number;
}

let loading: Promise<SiteRunnerArtifacts | undefined> | undefined;

/** The published runner, or undefined when this site does not publish one (then deploys send bytes). */
export function siteRunnerArtifacts(): Promise<SiteRunnerArtifacts | undefined> {
  loading ??= fetch(CATALOG_PATH)
    .then((response) => (response.ok ? (response.json() as Promise<AppCatalog>) : undefined))
    .then((catalog) => {
      const component = catalog?.apps.find((app) => app.name === RUNNER_APP)?.components[RUNNER_COMPONENT];
      if (!component) return undefined;
      const { version, glue, coreModules, componentBytes } = component;
      return { prepared: { version, glue, coreModules }, componentBytes };
    })
    .catch(() => undefined);
  return loading;
}

/**
 * `options` with each component whose source file is the site's runner (`isRunner(path)`)
 * deployed by the published artifacts, and that file left out of `files`.
 */
export async function withSiteRunner(
  options: DeployOptions & { manifest: string },
  isRunner: (path: string) => boolean | Promise<boolean>,
): Promise<DeployOptions> {
  const runner = await siteRunnerArtifacts();
  const sources = summariseManifest(options.manifest)?.sources ?? {};
  if (!runner) return options;
  const prepared: Record<string, PreparedComponent> = { ...options.prepared };
  const files = { ...options.files };
  for (const [id, source] of Object.entries(sources)) {
    const path = source.replace(/^\.\//, '');
    if (!(path in files) || !(await isRunner(path))) continue;
    prepared[id] = runner.prepared;
  }
  // A file stays when some component not deployed from the artifacts still needs it.
  for (const [id, source] of Object.entries(sources)) {
    const path = source.replace(/^\.\//, '');
    if (prepared[id] && Object.entries(sources).every(([other, s]) => prepared[other] || s !== source))
      delete files[path];
  }
  return Object.keys(prepared).length ? { ...options, files, prepared } : options;
}
