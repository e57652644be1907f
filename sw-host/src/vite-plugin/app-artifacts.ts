/**
 * Collects the apps deployed with a site: reads each app folder's spin.toml and the transpiled
 * components the build pipeline wrote beside each component's `source`, and lays them out as
 * the files to serve and the catalog (/_swerve/apps.json) that lists them.
 */
import { SwerveError } from '../errors.ts';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseManifest } from '../manifest/index.ts';
import type { AppCatalog, CatalogApp, CatalogComponent } from '../catalog/app-catalog.ts';
import { rewriteCoreModule } from '../core-wasm/rewrite-core-module.ts';
import { COMPONENTS_PATH } from '../protocol/paths.ts';

export interface SiteApp {
  /** The app's name, which is also its key: it runs at `<name>.<site host>`. */
  name: string;
  /** The folder holding its spin.toml. */
  dir: string;
}

export interface SiteArtifacts {
  catalog: AppCatalog;
  /** Path under the output folder (no leading slash) → contents. */
  files: Map<string, Uint8Array | string>;
}

/** The part of the pipeline's build record (components/scripts/build-component.js) used here. */
interface BuildRecord {
  componentBytes: number;
}

async function componentArtifacts(
  app: SiteApp,
  id: string,
  source: string,
  files: SiteArtifacts['files'],
): Promise<CatalogComponent> {
  const wasmPath = resolve(app.dir, source);
  const recordPath = wasmPath.replace(/\.wasm$/, '.build.json');
  const transpiledDir = wasmPath.replace(/\.wasm$/, '.transpiled');
  const record = (await readFile(recordPath, 'utf8').then(JSON.parse, () => undefined)) as
    BuildRecord | undefined;
  if (!record) {
    throw new SwerveError(
      'component-unbuilt',
      `The component "${id}" of app "${app.name}" is not built (no ${recordPath}). ` +
        'Run `npm run build:components` first.',
    );
  }
  // Named by a hash of the transpiled output itself (builds are not byte-reproducible), so a
  // URL never changes meaning and can be cached for good. Core modules are served rewritten
  // (core-wasm/rewrite-core-module.ts), so the worker compiles them straight from the network.
  const names = (await readdir(transpiledDir)).sort();
  const contents = await Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(transpiledDir, name));
      return name.endsWith('.wasm') ? rewriteCoreModule(bytes) : bytes;
    }),
  );
  const hash = createHash('sha256');
  names.forEach((name, i) => hash.update(`${name}\0`).update(contents[i]!));
  const version = hash.digest('hex').slice(0, 20);
  const base = `${COMPONENTS_PATH.slice(1)}${app.name}/${id}-${version}/`;
  const coreModules: Record<string, string> = {};
  let glue = '';
  names.forEach((name, i) => {
    files.set(base + name, contents[i]!);
    if (name.endsWith('.wasm')) coreModules[name] = `/${base}${name}`;
    else if (name.endsWith('.js')) glue = `/${base}${name}`;
  });
  return { version, glue, coreModules, componentBytes: record.componentBytes };
}

/** Reads every app and returns what to serve. */
export async function collectSiteArtifacts(apps: SiteApp[]): Promise<SiteArtifacts> {
  const files: SiteArtifacts['files'] = new Map();
  const catalogApps: CatalogApp[] = [];
  for (const app of apps) {
    const manifestText = await readFile(join(app.dir, 'spin.toml'), 'utf8');
    const manifest = parseManifest(manifestText, join(app.dir, 'spin.toml'));
    const components: Record<string, CatalogComponent> = {};
    for (const [id, component] of Object.entries(manifest.components)) {
      if (component.source.kind !== 'local') continue;
      components[id] = await componentArtifacts(app, id, component.source.path, files);
    }
    catalogApps.push({
      name: app.name,
      description: manifest.application?.description ?? '',
      manifest: manifestText,
      components,
    });
  }
  const build = createHash('sha256').update(JSON.stringify(catalogApps)).digest('hex').slice(0, 16);
  return { catalog: { build, apps: catalogApps }, files };
}
