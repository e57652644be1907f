/**
 * A Spin application manifest (`spin.toml`, `spin_manifest_version = 2`) after validation and
 * normalisation: the shapes the rest of the host works with. Plain data (no classes, no Maps)
 * so it survives structured clone and JSON, for IndexedDB and for messages to pages.
 *
 * Reference: https://spinframework.dev/manifest-reference
 */
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
}

/** One entry of `[variables]`: either required, or with a default; never both, never neither. */
export type VariableDeclaration =
  | {
      readonly required: true;
      readonly secret: boolean;
      readonly description?: string;
    }
  | {
      readonly required: false;
      readonly default: string;
      readonly secret: boolean;
      readonly description?: string;
    };

/** One `[[trigger.http]]` table. */
export interface HttpTrigger {
  /** 1-based position among the `[[trigger.http]]` tables, as messages name it (`#2`). */
  readonly index: number;
  /** The trigger's `id`, or the one Spin generates (`<component>-http-trigger`, `http-trigger<n>`). */
  readonly id: string;
  readonly route: HttpRoute;
  readonly handler: TriggerHandler;
}

/** `route = "/pattern"` (kept exactly as written) or `route = { private = true }`. */
export type HttpRoute = { readonly kind: 'pattern'; readonly pattern: string } | { readonly kind: 'private' };

/** What answers a trigger: a component (by id; inline ones are moved out) or a static response. */
export type TriggerHandler =
  | { readonly kind: 'component'; readonly componentId: string }
  | { readonly kind: 'static-response'; readonly response: StaticResponse };

/** `static_response = { status_code, headers, body }`. */
export interface StaticResponse {
  /** `status_code`, 200 when absent. */
  readonly status: number;
  /** `headers`, in manifest order. */
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body?: string;
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
