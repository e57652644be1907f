/**
 * A shared app (lib/share) as a deploy, for the viewer and for embeds alike: text files as
 * UTF-8, bytes from base64, the site's runner from its published artifacts (or, where the site
 * has none, as `runnerFile` gives it), the variables, the stores it uses, and optionally its
 * key-value and SQLite seeds.
 */
import type { DeployFile, DeployOptions } from 'swerve/client';
import { base64ToBytes } from '../bytes/base64.ts';
import { withSiteRunner } from '../deploy/site-runner-artifacts.ts';
import { summariseManifest } from '../manifest/manifest-summary.ts';
import { MANIFEST_PATH } from '../project/project.ts';
import { asProjectFiles, strippedOutputs } from '../syntax/runner-modules.ts';
import type { SharedApp } from './share-link.ts';

export interface SharedDeployOptions {
  /** The runner's bytes or URL, fetched only when the site publishes no transpiled runner. */
  runnerFile: () => Promise<DeployFile>;
  /** Put the link's key-value seed in the deploy (else the caller writes it, or nobody). */
  seed: boolean;
  /** Put the link's SQLite seed in the deploy (as `seed` unless given): once per origin, on its first deploy. */
  seedSqlite?: boolean;
  /** Values for the secret variables, which links never carry. */
  secrets?: Record<string, string>;
}

export async function sharedAppDeploy(app: SharedApp, options: SharedDeployOptions): Promise<DeployOptions> {
  const manifest = app.files[MANIFEST_PATH];
  if (typeof manifest !== 'string')
    throw new Error(`This app has no ${MANIFEST_PATH} as text: a shared app needs its Spin manifest to run.`);
  const files: Record<string, Uint8Array> = {};
  const runnerPaths: string[] = [];
  for (const [path, file] of Object.entries(app.files)) {
    if (path === MANIFEST_PATH) continue;
    if (typeof file === 'string') files[path] = new TextEncoder().encode(file);
    else if ('base64' in file) files[path] = base64ToBytes(file.base64);
    else runnerPaths.push(path);
  }
  // TypeScript runs as the JavaScript beside it, stripped here as in the playground.
  for (const output of await strippedOutputs(asProjectFiles(app.files))) {
    files[output.path] = new TextEncoder().encode(output.text);
  }
  const stores = new Set(summariseManifest(manifest)?.keyValueStores ?? []);
  for (const label of Object.keys(app.kv ?? {})) stores.add(label);
  stores.delete('default');
  const keyValues = Object.fromEntries(
    Object.entries(app.kv ?? {}).map(([label, entries]) => [
      label,
      Object.fromEntries(
        Object.entries(entries).map(([key, value]) => [
          key,
          'text' in value ? value.text : base64ToBytes(value.base64),
        ]),
      ),
    ]),
  );
  const variables = Object.fromEntries(
    Object.entries({ ...app.variables, ...options.secrets }).filter(([, value]) => value !== ''),
  );
  return withSiteRunner(
    {
      manifest,
      manifestFile: MANIFEST_PATH,
      files,
      variables,
      keyValueStores: [...stores],
      ...(options.seed && app.kv ? { keyValues } : {}),
      ...((options.seedSqlite ?? options.seed) && app.sqlite
        ? {
            sqlite: Object.entries(app.sqlite).map(([label, sql]) => ({
              sql,
              file: 'the share link',
              label,
            })),
          }
        : {}),
    },
    runnerPaths,
    options.runnerFile,
  );
}

/** Whether the app holds the site's runner by reference (a JavaScript app): it runs on the published runner. */
export function usesSiteRunner(app: SharedApp): boolean {
  return Object.values(app.files).some((file) => typeof file !== 'string' && !('base64' in file));
}

/** The app's text files, which a code view shows, manifest last. */
export function textFiles(app: SharedApp): string[] {
  const paths = Object.keys(app.files).filter((path) => typeof app.files[path] === 'string');
  return [...paths.filter((p) => p !== MANIFEST_PATH).sort(), ...paths.filter((p) => p === MANIFEST_PATH)];
}
