/**
 * An app as the host keeps it: everything needed to serve it again after the worker restarts.
 * Plain data, stored in IndexedDB as it is.
 */
import type { AppFiles } from '../wasi/file-tree.ts';

/**
 * Where a component's transpiled form (jco glue and core modules) comes from. `wasiP3`: a WASI
 * 0.3 component, whose instances are reused (runtime/instances-p3.ts), so a guest pool gives all
 * its requests to one worker.
 */
export type ComponentArtifactsRef =
  /** Published with the site, or prepared by `swerve up` or the test kit, fetched by URL. */
  | { kind: 'url'; version: string; glue: string; coreModules: Record<string, string>; wasiP3?: true }
  /** Deployed at run time, kept in the artifact store under its version. */
  | { kind: 'stored'; version: string; wasiP3?: true };

export interface AppDefinition {
  /** Unique among the host's apps. */
  name: string;
  /** Where the app is mounted: `/` or `/apps/<name>/` (always with a trailing slash). */
  mount: string;
  manifestText: string;
  /** The manifest's file name, for messages. */
  manifestFile: string;
  /** Deploy-time variable values (what `SPIN_VARIABLE_<NAME>` is to `spin up`). */
  variables: Record<string, string>;
  /** Component id → its transpiled artifacts. */
  components: Record<string, ComponentArtifactsRef>;
  /**
   * Key-value store labels defined for the app besides `default` (what a runtime config's
   * `[key_value_store.<label>]` tables are to `spin up`).
   */
  keyValueStores: string[];
  /** The app's files, for the components' `files` mounts. */
  files: AppFiles;
  /**
   * How long a guest may run for one request, in milliseconds, before it is stopped and the
   * request answered 504; 10 000 (`DEFAULT_REQUEST_TIMEOUT_MS`) when absent.
   */
  requestTimeoutMs?: number;
  /** Environment variables for every component, over the manifest's (`spin up --env`). */
  environment?: Record<string, string>;
  /** Built into the site, or deployed from a page. */
  origin: 'site' | 'deployed';
  deployedAt: number;
  /** The deployer's name for this version (`DeployRequest.version`). */
  version?: string;
}
