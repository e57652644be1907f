/**
 * `swerve up`: serves a Spin app folder to browsers, which run it in Swerve's service worker, as
 * `spin up` runs it on a server. Checks the app first (a bad manifest or a missing component
 * fails here, before anything is built), builds the host's scripts if the cache has none for the
 * current sources, then listens.
 */
import type { Server } from 'node:http';
import { relative } from 'node:path';
import { SwerveError } from '../errors.ts';
import type { UpOptions } from './args.ts';
import { AppFolder } from './app-folder.ts';
import { ensureHostBuild } from './host-build.ts';
import { loadApp, locateManifest } from './load-app.ts';
import { baseUrlFor, isPotentiallyTrustworthy, startBanner } from './up-banner.ts';
import { createUpServer } from './up-server.ts';

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
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      reject(
        new SwerveError(
          'host-unavailable',
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

/** Starts serving; resolves once listening. @throws SwerveError saying what to fix. */
export async function up(options: UpOptions, io: CommandIo): Promise<RunningUp> {
  const manifestPath = await locateManifest(options.app, io.cwd);
  const displayPath = relative(io.cwd, manifestPath) || manifestPath;
  // Fail fast on the app before spending a host build on it.
  const checked = await loadApp(manifestPath, displayPath);
  for (const warning of checked.manifest.warnings) io.err(`Warning: ${warning}`);

  const started = performance.now();
  const host = await ensureHostBuild();
  if (host.fresh) io.out(`Built the Swerve host in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  const folder = await AppFolder.open({
    manifestPath,
    displayPath,
    variables: options.variables,
    hostBuild: host.build,
  });

  let url = baseUrlFor(options.host, options.port);
  const server = createUpServer({
    folder,
    host,
    baseUrl: () => url,
    log: (message) => io.out(message),
    warn: (message) => io.err(message),
    relay: options.relay,
  });
  const port = await listen(server, options.host, options.port);
  url = baseUrlFor(options.host, port);

  for (const line of startBanner(folder.app.manifest.application.name, url, folder.app.manifest))
    io.out(line);
  if (!isPotentiallyTrustworthy(options.host)) {
    io.err(
      `Warning: browsers run service workers only on https:// and localhost pages, so the app will not ` +
        `start at ${url}. Listen on 127.0.0.1 (the default), or put an HTTPS proxy in front.`,
    );
  }
  return {
    server,
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
