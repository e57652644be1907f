/**
 * What a page sends to deploy an app, and what it gets back.
 */
export interface DeployRequest {
  /** The spin.toml text. */
  manifest: string;
  /** Its file name, for messages; `spin.toml` by default. */
  manifestFile?: string;
  /**
   * The app's files by path relative to the manifest: the components' `source` .wasm files and
   * whatever their `files` entries mount.
   */
  files: Record<string, Uint8Array>;
  /** The app's name; the manifest's `[application] name` by default. */
  name?: string;
  /** Where to mount it within its origin; `/` (the root) by default. */
  mount?: string;
  /** Variable values, by variable name (or `SPIN_VARIABLE_<NAME>`). */
  variables?: Record<string, string>;
  /**
   * Environment variables for every component, over those its manifest sets (what
   * `spin up --env NAME=VALUE` does).
   */
  environment?: Record<string, string>;
  /**
   * Key-value store labels to define besides `default`, as a runtime config's
   * `[key_value_store.<label>]` does for `spin up`.
   */
  keyValueStores?: string[];
  /**
   * Values to put in the app's stores once it is deployed, by label then key (what
   * `spin up --key-value key=value` does for the default store). Strings are stored as UTF-8.
   */
  keyValues?: Record<string, Record<string, string | Uint8Array>>;
  /**
   * SQL to run against the app's SQLite databases once it is deployed, in order (what
   * `spin up --sqlite` does at start): one statement (`{ sql }`, against `default`), or a whole
   * file of them (`{ sql, file }`, against `label`, `default` if none). A failure fails the deploy.
   */
  sqlite?: SqliteSeed[];
  /**
   * How long a guest may run for one request, in milliseconds (from the call of its handler),
   * before the host stops it and answers 504 Gateway Timeout; 10 000 by default. A whole
   * number from 1 to 2 147 483 647. Spin itself sets no such limit.
   */
  requestTimeoutMs?: number;
  /**
   * What the deployer calls this version (`swerve up`: a hash of the app folder), kept with the
   * app and returned in its summary, so the deployer can tell later whether it is still current.
   */
  version?: string;
  /**
   * Components already transpiled by the server that serves this origin (`swerve up` does it in
   * Node), by component id: their bytes need not be among `files`. Accepted only at URL paths
   * under `/_swerve/` of the host's own origin, which the server answers, never an app.
   */
  prepared?: Record<string, PreparedComponent>;
}

/** A component's transpiled artifacts (jco's glue, rewritten core modules), by URL path. */
export interface PreparedComponent {
  /** Names the artifacts: the same version never means other bytes. */
  version: string;
  glue: string;
  /** Core module file name (as the glue asks for it) → URL path. */
  coreModules: Record<string, string>;
  /** A WASI 0.3 component (its instances are reused: one guest worker serves it). */
  wasiP3?: true;
}

/** A deployed app, as pages see it. */
export interface AppSummary {
  name: string;
  mount: string;
  description: string;
  origin: 'site' | 'deployed';
  components: { id: string; version: string }[];
  routes: string[];
  deployedAt: number;
  /** The deployer's name for this version (`DeployRequest.version`), if it gave one. */
  version?: string;
}

export interface DeployResult {
  app: AppSummary;
  /** What the host logged while preparing it (duplicate routes, deprecated fields). */
  warnings: string[];
}

/** One `--sqlite` argument: a statement, or a file's statements (`@file` or `@file:label`). */
export interface SqliteSeed {
  sql: string;
  /** The file the statements came from: they run as a batch (Spin's `execute_batch`). */
  file?: string;
  label?: string;
}
