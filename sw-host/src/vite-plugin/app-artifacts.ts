/**
 * Collects the apps deployed with a site: reads each app folder's spin.toml and the transpiled
 * components the build pipeline wrote beside each component's `source`, and lays them out as
 * the files to serve and the catalog (/_swerve/apps.json) that lists them.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'smol-toml';
import type { AppCatalog, CatalogApp, CatalogComponent } from '../catalog/app-catalog.ts';
import { APPS_ROOT, SWERVE_PREFIX } from '../protocol/paths.ts';

export interface SiteApp {
  /** The app's name; it is mounted at `/apps/<name>/`. */
  name: string;
  /** The folder holding its spin.toml. */
  dir: string;
}

export interface SiteArtifacts {
  catalog: AppCatalog;
  /** Path under the output folder (no leading slash) → contents. */
  files: Map<string, Uint8Array | string>;
}

interface BuildRecord {
  inputsHash: string;
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
    throw new Error(
      `[swerve] The component "${id}" of app "${app.name}" is not built (no ${recordPath}). ` +
        'Run `npm run build:components` first.',
    );
  }
  const base = `${SWERVE_PREFIX.slice(1)}components/${app.name}/${id}-${record.inputsHash.slice(0, 16)}/`;
  const coreModules: Record<string, string> = {};
  let glue = '';
  for (const name of (await readdir(transpiledDir)).sort()) {
    files.set(base + name, await readFile(join(transpiledDir, name)));
    if (name.endsWith('.wasm')) coreModules[name] = `/${base}${name}`;
    else if (name.endsWith('.js')) glue = `/${base}${name}`;
  }
  return { version: record.inputsHash, glue, coreModules, componentBytes: record.componentBytes };
}

/** Reads every app and returns what to serve. */
export async function collectSiteArtifacts(apps: SiteApp[]): Promise<SiteArtifacts> {
  const files: SiteArtifacts['files'] = new Map();
  const catalogApps: CatalogApp[] = [];
  for (const app of apps) {
    const manifestText = await readFile(join(app.dir, 'spin.toml'), 'utf8');
    const manifest = parse(manifestText) as {
      application?: { description?: string };
      component?: Record<string, { source?: unknown }>;
    };
    const components: Record<string, CatalogComponent> = {};
    for (const [id, component] of Object.entries(manifest.component ?? {})) {
      if (typeof component.source !== 'string') continue;
      components[id] = await componentArtifacts(app, id, component.source, files);
    }
    catalogApps.push({
      name: app.name,
      mount: `${APPS_ROOT}${app.name}/`,
      description: manifest.application?.description ?? '',
      manifest: manifestText,
      components,
    });
  }
  const build = createHash('sha256').update(JSON.stringify(catalogApps)).digest('hex').slice(0, 16);
  return { catalog: { build, apps: catalogApps }, files };
}
