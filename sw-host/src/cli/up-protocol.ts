/**
 * What the `swerve up` server exposes to its bootstrap page, all under the host's reserved
 * prefix (which the service worker never intercepts, so these always reach the server). Imported
 * by the server and by the page script, so that both agree.
 */
import type { PreparedComponent, SqliteSeed } from '../protocol/deploy.ts';
import { SWERVE_PREFIX } from '../protocol/paths.ts';

/** The app folder, read-only: the manifest, the components' sources and their `files`. */
export const APP_FILES_PREFIX = `${SWERVE_PREFIX}app/`;

/** The JSON {@link AppListing} of what to deploy. */
export const APP_LISTING_PATH = `${SWERVE_PREFIX}app-files.json`;

/**
 * Where the worker and the bootstrap page post what the browser saw (log lines, request records,
 * a failed deploy), so that `swerve up` prints it in the terminal as `spin up` does.
 */
export const UP_EVENTS_PATH = `${SWERVE_PREFIX}up/events`;

/** `swerve watch`: the version the folder is at now, as JSON `{ "version": "…" }`. */
export const UP_VERSION_PATH = `${SWERVE_PREFIX}up/version`;

/** `swerve watch`: server-sent events, one per new version, each `{ "version": "…" }`. */
export const UP_CHANGES_PATH = `${SWERVE_PREFIX}up/changes`;

/** `swerve watch`: the script the worker adds to the app's HTML pages (cli/page/up-live.ts). */
export const UP_LIVE_SCRIPT_PATH = `${SWERVE_PREFIX}up-live.js`;

/** The bootstrap page's script. */
export const UP_SCRIPT_PATH = `${SWERVE_PREFIX}up.js`;

/**
 * A page that always redeploys, then goes to `?to=` (or `/`). Normal navigations are answered
 * by the worker once the app is deployed, so this is the way to redeploy without a hard reload.
 */
export const REDEPLOY_PATH = `${SWERVE_PREFIX}up`;

/** What the bootstrap page deploys, as `/_swerve/app-files.json` lists it. */
export interface AppListing {
  /** The name to deploy under (the manifest's application name, made a valid app name). */
  name: string;
  /**
   * A hash of the manifest, every file's bytes, the variables and the host build. The page
   * redeploys when it differs from the version it last deployed.
   */
  version: string;
  /** URL path of the manifest. */
  manifest: string;
  /** The manifest's file name, for error messages. */
  manifestFile: string;
  /** Deploy key (the path the manifest uses, relative to it) → URL path to fetch it from. */
  files: Record<string, string>;
  /** Variable overrides given to `swerve up` (`--variable`, `SPIN_VARIABLE_<NAME>`). */
  variables: Record<string, string>;
  /** `--key-value` values for the default store. */
  keyValues: Record<string, string>;
  /** `--sqlite` statements, files read, run at deploy. */
  sqlite: SqliteSeed[];
  /** `--env` values, for every component. */
  environment: Record<string, string>;
  /** Store labels a `--runtime-config-file` defines. */
  keyValueStores: string[];
  /** `--request-timeout`, in milliseconds; the host's default when absent. */
  requestTimeoutMs?: number;
  /**
   * Components the server transpiled (cli/prepared-components.ts), by component id; their
   * sources are then left out of `files`, so the browser neither downloads nor transpiles them.
   */
  prepared?: Record<string, PreparedComponent>;
}
