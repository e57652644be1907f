/**
 * The apps published with the site, as app definitions: their components are fetched by URL
 * from the site's own build rather than stored.
 */
import type { AppDefinition } from '../apps/app-definition.ts';
import type { AppCatalog } from './app-catalog.ts';

export function siteAppDefinitions(catalog: AppCatalog): AppDefinition[] {
  return catalog.apps.map((app) => ({
    name: app.name,
    mount: app.mount,
    manifestText: app.manifest,
    manifestFile: `${app.name}/spin.toml`,
    variables: {},
    keyValueStores: [],
    components: Object.fromEntries(
      Object.entries(app.components).map(([id, component]) => [
        id,
        { kind: 'url', version: component.version, glue: component.glue, coreModules: component.coreModules },
      ]),
    ),
    files: {},
    origin: 'site',
    deployedAt: 0,
  }));
}
