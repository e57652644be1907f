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
  type DeployFile,
  type DeployOptions,
  type PreparedComponent,
} from 'swerve/client';
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
 * Starts downloading the published runner's core modules at this (the site's) origin, without
 * waiting: the host of the app origin fetches the same URLs from the site's origin (swerve's
 * component/site-artifact-urls.ts) once its service worker and guest workers have started, and
 * finds them in the HTTP cache, downloaded in the meantime. The bodies are read and dropped
 * (an unread body would stall the download); a failure here only loses the head start.
 */
export function preloadSiteRunner(): void {
  void siteRunnerArtifacts().then((published) => {
    for (const url of Object.values(published?.prepared.coreModules ?? {})) {
      void fetch(url)
        .then((response) => response.body?.pipeTo(new WritableStream()))
        .catch(() => undefined);
    }
  });
}

/**
 * `options` completed with the app's copies of the site's runner, at `runnerPaths` (not among
 * `options.files`): a component whose source is one of them is deployed from the published
 * artifacts; where the site publishes none, or a path is not a component's source, the file is
 * added as `runnerFile(path)` gives it.
 */
export async function withSiteRunner(
  options: DeployOptions & { manifest: string },
  runnerPaths: readonly string[],
  runnerFile: (path: string) => Promise<DeployFile>,
): Promise<DeployOptions> {
  if (!runnerPaths.length) return options;
  const published = await siteRunnerArtifacts();
  const sources = Object.entries(summariseManifest(options.manifest)?.sources ?? {}).map(
    ([id, source]) => [id, source.replace(/^\.\//, '')] as const,
  );
  const prepared: Record<string, PreparedComponent> = { ...options.prepared };
  const files = { ...options.files };
  for (const path of runnerPaths) {
    const components = sources.filter(([, source]) => source === path).map(([id]) => id);
    if (published && components.length) for (const id of components) prepared[id] = published.prepared;
    else files[path] = await runnerFile(path);
  }
  return { ...options, files, ...(Object.keys(prepared).length ? { prepared } : {}) };
}
