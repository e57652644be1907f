/**
 * A Spin application manifest (`spin.toml`, `spin_manifest_version = 2`) after validation and
 * normalisation: the shapes the rest of the host works with. Plain data (no classes, no Maps)
 * so it survives structured clone and JSON, for IndexedDB and for messages to pages.
 *
 * Reference: https://spinframework.dev/manifest-reference
 */
import type { HttpTrigger } from '../routing/http-trigger.ts';
import type { VariableDeclaration } from '../variables/declaration.ts';

export type { HttpRoute, HttpTrigger, StaticResponse, TriggerHandler } from '../routing/http-trigger.ts';
export type { VariableDeclaration } from '../variables/declaration.ts';

/** A whole manifest. */
export interface AppManifest {
  /** The name of the file it was read from, for messages. */
  readonly fileName: string;
  readonly application: ApplicationInfo;
  /** `[variables]`, in manifest order. */
  readonly variables: Readonly<Record<string, VariableDeclaration>>;
  /** `[[trigger.http]]`, in manifest order. */
  readonly triggers: readonly HttpTrigger[];
  /**
   * `[component.<id>]` in manifest order, then the components written inline in triggers, under
   * the ids Spin generates for them.
   */
  readonly components: Readonly<Record<string, ComponentManifest>>;
  /**
   * What Spin would accept but is worth saying (deprecated fields, ignored non-HTTP triggers,
   * ignored static_response fields); the host logs them at deploy.
   */
  readonly warnings: readonly string[];
}

/** `[application]`. */
export interface ApplicationInfo {
  readonly name: string;
  readonly version?: string;
  readonly description?: string;
  readonly authors: readonly string[];
  /** `[application.tool.swerve]`: what other origins may do with the app's documents. */
  readonly navigation: NavigationOptIn;
}

/**
 * Origins (or `"*"`) an app lets do more than Swerve's defaults allow (manifest/parse-swerve-tool.ts).
 */
export interface NavigationOptIn {
  /** May frame the app's documents, besides the app itself, the site and its embedders. */
  readonly frameAncestors: readonly string[];
  /** May send the app forms (non-GET navigations), besides the app's own pages. */
  readonly formsFrom: readonly string[];
}

/** One `[component.<id>]` table, or a component written inline in a trigger. */
export interface ComponentManifest {
  readonly id: string;
  /** True when it was written inline in a trigger and `id` was generated. */
  readonly inline: boolean;
  readonly description?: string;
  readonly source: ComponentSource;
  readonly files: readonly FileMount[];
  readonly excludeFiles: readonly string[];
  /**
   * As written (entries may hold `{{ variable }}` templates), followed by any deprecated
   * `allowed_http_hosts` converted to this form. Parse with `../outbound` at deploy.
   */
  readonly allowedOutboundHosts: readonly string[];
  readonly keyValueStores: readonly string[];
  readonly sqliteDatabases: readonly string[];
  readonly aiModels: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  /** Component variable name → template over application variables, as written. */
  readonly variables: Readonly<Record<string, string>>;
  readonly build?: BuildConfig;
}

/** `source = "path.wasm"` or `source = { url, digest }`. */
export type ComponentSource =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 'remote'; readonly url: string; readonly digest: string };

/** A `files` entry: a glob relative to the app folder, or a file or directory placed at a guest path. */
export type FileMount =
  | { readonly kind: 'glob'; readonly pattern: string }
  | { readonly kind: 'placement'; readonly source: string; readonly destination: string };

/** `[component.<id>.build]`; Swerve does not build, but keeps it for tools. */
export interface BuildConfig {
  readonly commands: readonly string[];
  readonly workdir?: string;
  readonly watch: readonly string[];
}
