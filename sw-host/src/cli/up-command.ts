/**
 * `swerve up`: serves a Spin app folder to browsers, which run it in Swerve's service worker, as
 * `spin up` runs it on a server. Checks the app first (a bad manifest or a missing component
 * fails here, before anything is built), builds the host's scripts if the cache has none for the
 * current sources, then listens.
 */
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { dirname, relative, resolve } from 'node:path';
import { describeCoreModule } from '../component/core-module-kind.ts';
import { checkHostCompatibility } from '../component/host-compatibility.ts';
import { SwerveError } from '../errors.ts';
import { parseManifest } from '../manifest/index.ts';
import type { UpOptions } from './args.ts';
import { AppFolder } from './app-folder.ts';
import { buildApp } from './build-app.ts';
import { ensureHostBuild, swerveCacheDir } from './host-build.ts';
import { PreparedComponents } from './prepared-components.ts';
import { readRuntimeConfig } from './runtime-config.ts';
import { loadApp, locateManifest } from './load-app.ts';
import { baseUrlFor, isPotentiallyTrustworthy, startBanner } from './up-banner.ts';
import { createUpServer } from './up-server.ts';
import { HostCheck } from './host-check.ts';
import type { VersionFeed } from './version-feed.ts';
import { readSqliteStatements } from './sqlite-statements.ts';

/** Whether `host` is only reachable from this machine. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1';
}

/** Where the command writes, and where it runs from. */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
}

/** A running `swerve up`. */
export interface RunningUp {
  server: Server;
  url: string;
  folder: AppFolder;
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      reject(
        new SwerveError(
          'address-unavailable',
          error.code === 'EADDRINUSE'
            ? `Cannot listen on ${where}: the port is in use. Stop what uses it, or choose another port: swerve up --port 3001`
            : `Cannot listen on ${where}: ${error.message}.`,
          { cause: error },
        ),
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * The browser's own check of each component (a component, not a core module; only interfaces the
 * host provides), run here too so the terminal says it at start, in the same words.
 */
async function checkComponents(app: Awaited<ReturnType<typeof loadApp>>): Promise<void> {
  for (const component of Object.values(app.manifest.components)) {
    if (component.source.kind !== 'local') continue;
    const bytes = await readFile(resolve(app.dir, component.source.path));
    // A core module with its WIT embedded is componentized by the browser before it deploys.
    const witEmbedded = bytes[6] === 0 && bytes[7] === 0 && describeCoreModule(bytes).kind === 'wit-embedded';
    if (!witEmbedded) checkHostCompatibility(bytes, `${app.name}/${component.id}`);
  }
}

/** Starts serving; resolves once listening. @throws SwerveError saying what to fix. */
export async function up(options: UpOptions, io: CommandIo, feed?: VersionFeed): Promise<RunningUp> {
  const manifestPath = await locateManifest(options.app, io.cwd);
  const displayPath = relative(io.cwd, manifestPath) || manifestPath;
  // Fail fast on the app before spending a host build on it.
  if (options.build) {
    // The manifest must parse to know the build commands; its components need not exist yet.
    const manifest = parseManifest(await readFile(manifestPath, 'utf8'), displayPath);
    await buildApp(manifest, dirname(manifestPath), io.out);
  }
  const checked = await loadApp(manifestPath, displayPath);
  for (const warning of checked.manifest.warnings) io.err(`Warning: ${warning}`);
  await checkComponents(checked);
  const runtimeConfig = options.runtimeConfigFile
    ? readRuntimeConfig(
        await readFile(resolve(io.cwd, options.runtimeConfigFile), 'utf8'),
        options.runtimeConfigFile,
      )
    : undefined;
  for (const ignored of runtimeConfig?.ignored ?? [])
    io.err(`Warning: ${options.runtimeConfigFile}: ${ignored} is ignored in the browser.`);

  const started = performance.now();
  const host = await ensureHostBuild();
  if (host.fresh) io.out(`Built the Swerve host in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  const folder = await AppFolder.open({
    manifestPath,
    displayPath,
    variables: options.variables,
    keyValues: options.keyValues,
    sqlite: await readSqliteStatements(options.sqlite, io.cwd),
    environment: options.environment,
    keyValueStores: runtimeConfig?.keyValueStores,
    requestTimeoutMs: options.requestTimeoutMs,
    hostBuild: host.build,
  });

  feed?.publish(folder.listing.version);
  // Transpiled now (once per component and host build, then from disk), so the first visit only compiles.
  const prepared = new PreparedComponents(await swerveCacheDir('prepared'), host.build, folder.hasher);
  await prepared.prepare(folder.app, io.out);

  let url = baseUrlFor(options.host, options.port);
  const server = createUpServer({
    folder,
    host,
    baseUrl: () => url,
    log: (message) => io.out(message),
    warn: (message) => io.err(message),
    requestLog: options.requestLog,
    relay: options.relay,
    ...(feed ? { feed } : {}),
    prepared,
    hostCheck: new HostCheck(options.host, options.allowedHosts),
  });
  const port = await listen(server, options.host, options.port);
  url = baseUrlFor(options.host, port);

  for (const line of startBanner(folder.app.manifest.application.name, url, folder.app.manifest))
    io.out(line);
  if (!isLoopback(options.host)) {
    io.err(
      `Warning: listening on ${options.host}, other machines can connect: they can read the app folder's ` +
        `served files, its variables and --env values. The relay serves only this machine's browsers.`,
    );
  }
  if (!isPotentiallyTrustworthy(options.host)) {
    io.err(
      `Warning: browsers run service workers only on https:// and localhost pages, so the app will not ` +
        `start at ${url}. Listen on 127.0.0.1 (the default), or put an HTTPS proxy in front.`,
    );
  }
  return {
    server,
    url,
    folder,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
