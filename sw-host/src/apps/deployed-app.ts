/**
 * An app ready to serve: its manifest parsed, its router built, its variables resolved and
 * its components' file trees assembled, all once per deploy, so a request only routes and runs.
 */
import { SwerveError } from '../errors.ts';
import { parseManifest, type AppManifest, type ComponentManifest } from '../manifest/index.ts';
import { parseAllowedOutboundHosts, type AllowedOutboundHosts } from '../outbound/index.ts';
import { buildRouter, type Router } from '../routing/index.ts';
import {
  resolveApplicationVariables,
  resolveComponentVariables,
  type ComponentVariables,
} from '../variables/index.ts';
import type { AppDefinition, ComponentArtifactsRef } from './app-definition.ts';
import { DEFINED_SQLITE_DATABASES } from './sqlite-databases.ts';
import { buildFileTree, type DirectoryNode } from '../wasi/file-tree.ts';

/** One component of a deployed app, with everything its instances are given. */
export interface AppComponent {
  readonly id: string;
  /** `app/component`, for messages and logs. */
  readonly label: string;
  readonly manifest: ComponentManifest;
  readonly artifacts: ComponentArtifactsRef;
  readonly variables: ComponentVariables;
  readonly files: DirectoryNode;
  /** Its `allowed_outbound_hosts`, templates expanded with this deploy's variables. */
  readonly allowedOutbound: AllowedOutboundHosts;
}

export class DeployedApp {
  private constructor(
    readonly definition: AppDefinition,
    readonly manifest: AppManifest,
    readonly router: Router,
    readonly components: ReadonlyMap<string, AppComponent>,
  ) {}

  get name(): string {
    return this.definition.name;
  }

  get mount(): string {
    return this.definition.mount;
  }

  /** The path and query as the app sees them: its mount replaced by `/` (`/apps/x` counts as `/apps/x/`). */
  pathWithin(url: URL): string {
    return `/${url.pathname.slice(this.mount.length)}${url.search}`;
  }

  /** Whether the app defines a key-value store with this label. */
  definesStore(label: string): boolean {
    return label === 'default' || this.definition.keyValueStores.includes(label);
  }

  /**
   * Prepares an app from its definition. Throws a SwerveError that says what is wrong (a bad
   * manifest, a missing variable value, a component with no artifacts, a `files` entry that
   * names nothing); returns what the host should log once (duplicate routes, deprecations).
   */
  static prepare(definition: AppDefinition): { app: DeployedApp; warnings: string[] } {
    const manifest = parseManifest(definition.manifestText, definition.manifestFile);
    const { router, warnings: routerWarnings } = buildRouter(manifest.triggers);
    const appValues = resolveApplicationVariables(manifest.variables, definition.variables, definition.name);
    const components = new Map<string, AppComponent>();
    const definedStores = new Set(['default', ...definition.keyValueStores]);
    const componentIds = Object.keys(manifest.components);
    for (const [id, component] of Object.entries(manifest.components)) {
      const label = `${definition.name}/${id}`;
      const undefinedStore = component.keyValueStores.find((store) => !definedStores.has(store));
      if (undefinedStore !== undefined) {
        // As `spin up` refuses to start: only `default` exists unless a runtime config adds more.
        throw new SwerveError(
          'manifest-invalid',
          `${label} lists key-value store "${undefinedStore}", which no store defines. Only "default" ` +
            `exists unless the deploy defines more: deploy with { keyValueStores: ["${undefinedStore}"] } ` +
            '(what a runtime config file is to spin up).',
        );
      }
      const undefinedDatabase = component.sqliteDatabases.find(
        (database) => !DEFINED_SQLITE_DATABASES.includes(database),
      );
      if (undefinedDatabase !== undefined) {
        // As `spin up` refuses to start ("One or more components use SQLite databases which are
        // not defined."): only `default` exists without a runtime config, which Swerve lacks.
        throw new SwerveError(
          'manifest-invalid',
          `${label} lists SQLite database "${undefinedDatabase}", which no database defines. Swerve ` +
            'gives every app one SQLite database, "default": use sqlite_databases = ["default"].',
        );
      }
      const artifacts = definition.components[id];
      if (!artifacts) {
        throw new SwerveError(
          'component-unavailable',
          `${label} has no transpiled component; deploy the app again.`,
        );
      }
      components.set(id, {
        id,
        label,
        manifest: component,
        artifacts,
        variables: resolveComponentVariables(id, component.variables, appValues),
        files: buildFileTree(component.files, component.excludeFiles, definition.files, label),
        allowedOutbound: parseAllowedOutboundHosts(
          id,
          component.allowedOutboundHosts,
          appValues,
          componentIds,
        ),
      });
    }
    const app = new DeployedApp(definition, manifest, router, components);
    return { app, warnings: [...manifest.warnings, ...routerWarnings.map((warning) => warning.message)] };
  }
}
