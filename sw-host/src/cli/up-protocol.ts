/**
 * What the `swerve up` server exposes to its bootstrap page, all under the host's reserved
 * prefix (which the service worker never intercepts, so these always reach the server). Imported
 * by the server and by the page script, so that both agree.
 */
import type { DeployRequest } from '../protocol/deploy.ts';
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

/**
 * What the bootstrap page deploys, as `/_swerve/app-files.json` lists it: a {@link DeployRequest}
 * in JSON, whose manifest and files are URL paths on this server rather than their bytes.
 *
 * - `name`: the manifest's application name, made a valid app name.
 * - `version`: a hash of the manifest, every file's bytes, the variables, the settings and the
 *   host build; the page redeploys when it differs from the version it last deployed.
 * - `variables`, `environment`, `sqlite`, `keyValueStores`, `requestTimeoutMs`: what `swerve up`
 *   was given (`--variable`/`SPIN_VARIABLE_<NAME>`, `--env`, `--sqlite` with files read, the
 *   labels a `--runtime-config-file` defines, `--request-timeout`).
 * - `prepared`: components the server transpiled (cli/prepared-components.ts); their sources are
 *   then left out of `files`, so the browser neither downloads nor transpiles them.
 */
export type AppListing = Required<
  Pick<
    DeployRequest,
    'name' | 'version' | 'manifestFile' | 'variables' | 'environment' | 'sqlite' | 'keyValueStores'
  >
> &
  Pick<DeployRequest, 'requestTimeoutMs' | 'prepared'> & {
    /** URL path of the manifest. */
    manifest: string;
    /** Deploy key (the path the manifest uses, relative to it) → URL path to fetch it from. */
    files: Record<string, string>;
    /** `--key-value` values, for the default store. */
    keyValues: Record<string, string>;
  };
