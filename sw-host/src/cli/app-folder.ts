/**
 * The app folder `swerve up` serves, re-read whenever a browser asks what to deploy, so that a
 * rebuilt component or an edited manifest is picked up without restarting. The files the server
 * may serve are those of the last good read.
 */
import { resolveApplicationVariables, envNameFor } from '../variables/index.ts';
import { FileHasher, appVersion } from './app-version.ts';
import { loadApp, type LoadedApp } from './load-app.ts';
import { urlPathFor } from './safe-path.ts';
import type { AppListing } from './up-protocol.ts';
import type { SqliteSeed } from '../protocol/deploy.ts';

/**
 * Variable overrides as `spin up` takes them: `SPIN_VARIABLE_<NAME>` from the environment for
 * each declared variable, then `--variable` values, which win.
 */
export function variableOverrides(
  app: LoadedApp,
  fromArgs: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const name of Object.keys(app.manifest.variables)) {
    const value = env[envNameFor(name)];
    if (value !== undefined) overrides[name] = value;
  }
  return { ...overrides, ...fromArgs };
}

interface FolderOptions {
  manifestPath: string;
  /** How messages name the manifest. */
  displayPath: string;
  /** `--variable` values. */
  variables: Readonly<Record<string, string>>;
  /** `--key-value` values. */
  keyValues: Readonly<Record<string, string>>;
  /** `--sqlite` statements, files read. */
  sqlite?: readonly SqliteSeed[];
  /** `--env` values. */
  environment?: Readonly<Record<string, string>>;
  /** Store labels from `--runtime-config-file`. */
  keyValueStores?: readonly string[];
  /** `--request-timeout`, in milliseconds. */
  requestTimeoutMs?: number;
  hostBuild: string;
}

async function read(
  options: FolderOptions,
  hasher: FileHasher,
): Promise<{ app: LoadedApp; listing: AppListing }> {
  const app = await loadApp(options.manifestPath, options.displayPath);
  const variables = variableOverrides(app, options.variables, process.env);
  // A required variable without a value stops the app here, as it stops `spin up` at start.
  resolveApplicationVariables(app.manifest.variables, variables, app.name);
  const settings = {
    keyValues: options.keyValues,
    sqlite: options.sqlite ?? [],
    requestTimeoutMs: options.requestTimeoutMs,
    environment: options.environment,
    keyValueStores: options.keyValueStores,
  };
  const version = await appVersion(
    app,
    variables,
    `${options.hostBuild}:${JSON.stringify(settings)}`,
    hasher,
  );
  const listing: AppListing = {
    name: app.name,
    version,
    manifest: urlPathFor(app.manifestFile),
    manifestFile: app.manifestFile,
    files: Object.fromEntries([...app.deployFiles].map(([key, path]) => [key, urlPathFor(path)])),
    variables,
    keyValues: { ...options.keyValues },
    sqlite: [...(options.sqlite ?? [])],
    environment: { ...options.environment },
    keyValueStores: [...(options.keyValueStores ?? [])],
    requestTimeoutMs: options.requestTimeoutMs,
  };
  return { app, listing };
}

export class AppFolder {
  #app: LoadedApp;
  #listing: AppListing;

  private constructor(
    readonly options: FolderOptions,
    readonly hasher: FileHasher,
    first: { app: LoadedApp; listing: AppListing },
  ) {
    this.#app = first.app;
    this.#listing = first.listing;
  }

  /** Reads the folder once. @throws SwerveError for what `spin up` would refuse to start with. */
  static async open(options: FolderOptions): Promise<AppFolder> {
    const hasher = new FileHasher();
    return new AppFolder(options, hasher, await read(options, hasher));
  }

  /** The last good read. */
  get app(): LoadedApp {
    return this.#app;
  }

  get listing(): AppListing {
    return this.#listing;
  }

  /** Re-reads the folder. @throws SwerveError when it no longer holds a servable app. */
  async refresh(): Promise<AppListing> {
    const { app, listing } = await read(this.options, this.hasher);
    this.#app = app;
    this.#listing = listing;
    return listing;
  }

  /** The file at a folder-relative path, if the last good read allows serving it. */
  file(relativePath: string): string | undefined {
    return this.#app.served.get(relativePath);
  }
}
