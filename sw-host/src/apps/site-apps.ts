/**
 * The apps published with the site, as app definitions: their components are fetched by URL
 * from the site's own build rather than stored. Each runs at its own origin, at the root: the
 * host at an app origin serves only the catalog app of that origin's key.
 */
import type { AppDefinition } from './app-definition.ts';
import type { AppCatalog } from '../catalog/app-catalog.ts';

export function siteAppDefinitions(catalog: AppCatalog, appKey: string | undefined): AppDefinition[] {
  return catalog.apps
    .filter((app) => app.name === appKey)
    .map((app) => ({
      name: app.name,
      mount: '/',
      manifestText: app.manifest,
      manifestFile: `${app.name}/spin.toml`,
      variables: {},
      keyValueStores: [],
      components: Object.fromEntries(
        Object.entries(app.components).map(([id, component]) => [
          id,
          {
            kind: 'url',
            version: component.version,
            glue: component.glue,
            coreModules: component.coreModules,
          },
        ]),
      ),
      files: {},
      origin: 'site',
      deployedAt: 0,
    }));
}
