/**
 * A shared app (lib/share) as a deploy: text files as UTF-8, bytes from base64, the site's runner
 * component by its URL in this build, the variables, and the key-value seed. Pure but for the
 * runner's URL, which the caller passes.
 */
import type { DeployOptions } from '@swerve/sw-host/client';
import { base64ToBytes, type SharedApp } from '../lib/share/share-link.ts';
import { summariseManifest } from '../lib/manifest/manifest-summary.ts';

export const MANIFEST = 'spin.toml';

export interface SiteComponentUrls {
  runner: URL;
}

export function sharedAppDeploy(app: SharedApp, components: SiteComponentUrls, seed: boolean): DeployOptions {
  const manifest = app.files[MANIFEST];
  if (typeof manifest !== 'string')
    throw new Error(`This app has no ${MANIFEST} as text: a shared app needs its Spin manifest to run.`);
  const files: NonNullable<DeployOptions['files']> = {};
  for (const [path, file] of Object.entries(app.files)) {
    if (path === MANIFEST) continue;
    if (typeof file === 'string') files[path] = new TextEncoder().encode(file);
    else if ('base64' in file) files[path] = base64ToBytes(file.base64);
    else files[path] = components[file.component];
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
  return {
    manifest,
    manifestFile: MANIFEST,
    files,
    variables: app.variables ?? {},
    keyValueStores: [...stores],
    ...(seed && app.kv ? { keyValues } : {}),
  };
}

/** The app's text files, which the code view shows, manifest last. */
export function textFiles(app: SharedApp): string[] {
  const paths = Object.keys(app.files).filter((path) => typeof app.files[path] === 'string');
  return [...paths.filter((p) => p !== MANIFEST).sort(), ...paths.filter((p) => p === MANIFEST)];
}
