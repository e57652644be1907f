/**
 * The `swerve up` HTTP server: a plain `node:http` server that serves the host build, the app
 * folder's allowlisted files and the bootstrap page, with the headers the Vite plugin sets for
 * the site (`securityHeaders()`: the worker script may evaluate code, pages may not).
 *
 * Any web page can reach the port, so the server answers only the names it serves
 * (cli/host-check.ts), prints only what the served origin's own pages post
 * (cli/same-origin-request.ts), escapes what it prints (cli/terminal-text.ts), and its redeploy
 * page goes only to a path of the app (cli/return-path.ts).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { AppCatalog } from '../catalog/app-catalog.ts';
import { notABrowserText } from '../vite-plugin/bootstrap-page.ts';
import { securityHeaders } from '../vite-plugin/security-headers.ts';
import type { AppFolder } from './app-folder.ts';
import type { HostBuild } from './host-build.ts';
import { parseEvents, terminalLine } from './up-events.ts';
import { HostCheck, hostNameOf, REPORTED_REFUSED_HOSTS_LIMIT } from './host-check.ts';
import { checkReturnPath } from './return-path.ts';
import { sameOriginRefusal } from './same-origin-request.ts';
import { upPageHtml } from './up-page.ts';
import {
  REDEPLOY_PATH,
  UP_CHANGES_PATH,
  UP_EVENTS_PATH,
  UP_LIVE_SCRIPT_PATH,
  UP_VERSION_PATH,
} from './up-protocol.ts';
import type { VersionFeed } from './version-feed.ts';
import { withoutPreparedSources, type PreparedComponents } from './prepared-components.ts';
import type { AppListing } from './up-protocol.ts';
import type { PreparedComponent } from '../protocol/deploy.ts';
import { relay } from './up-relay.ts';
import { routeRequest } from './up-routes.ts';

/** A batch of events is a few KB; anything far larger is not from the host. */
const EVENTS_LIMIT = 1 << 20;

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.destroy();
        reject(new Error(`a body over ${limit} bytes`));
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.html': 'text/html; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface UpServerOptions {
  folder: AppFolder;
  host: HostBuild;
  /** The URL the app is served at, for messages (`http://127.0.0.1:3000/`). */
  baseUrl: () => string;
  /** Where the server reports what happens (a new version deployed, a broken folder, what the browser saw). */
  log: (message: string) => void;
  warn: (message: string) => void;
  /** Whether to print a line per request the browser served (`--no-request-log` turns it off). */
  requestLog?: boolean;
  /** Relay components' outbound requests (off with `--no-relay`). */
  relay: boolean;
  /** `swerve watch`: the folder's versions, which open tabs follow (catalog `liveReload`). */
  feed?: VersionFeed;
  /** Components transpiled here, for the browser to compile straight away. */
  prepared: PreparedComponents;
  /** The names the server answers to (`--host`, `--allowed-host`); loopback names only by default. */
  hostCheck?: HostCheck;
}

/** `listing` deploying the `prepared` components by URL: their sources are left out of its files. */
function withPrepared(
  listing: AppListing,
  prepared: Record<string, PreparedComponent>,
  folder: AppFolder,
): AppListing {
  if (!Object.keys(prepared).length) return listing;
  const files = withoutPreparedSources(listing.files, folder.app.manifest, prepared);
  return { ...listing, files, prepared };
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
): void {
  response.statusCode = status;
  response.setHeader('content-type', contentType);
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(request.method === 'HEAD' ? undefined : body);
}

async function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  contentType: string,
): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return send(request, response, 404, 'text/plain; charset=utf-8', 'Not found.\n');
  response.setHeader('content-type', contentType);
  response.setHeader('content-length', info.size);
  if (request.method === 'HEAD') return void response.end();
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

/** Creates the server (not yet listening). */
export function createUpServer(options: UpServerOptions): Server {
  const { folder, host, prepared } = options;
  const catalog: AppCatalog = {
    build: host.build,
    apps: [],
    events: UP_EVENTS_PATH,
    ...(options.feed
      ? {
          liveReload: {
            version: UP_VERSION_PATH,
            changes: UP_CHANGES_PATH,
            script: UP_LIVE_SCRIPT_PATH,
            redeploy: REDEPLOY_PATH,
          },
        }
      : {}),
  };
  let lastProblem: string | undefined;
  let lastVersion = folder.listing.version;
  const hostCheck = options.hostCheck ?? new HostCheck('127.0.0.1');
  const reportedHosts = new Set<string>();

  /** Says once per name (up to a limit) that requests for it were refused, and how to allow it. */
  function reportRefusedHost(header: string | undefined): void {
    const name = hostNameOf(header) ?? '(no host)';
    if (reportedHosts.has(name) || reportedHosts.size >= REPORTED_REFUSED_HOSTS_LIMIT) return;
    reportedHosts.add(name);
    options.warn(
      `Warning: refused requests for the name ${name}, which swerve up does not serve (a page whose name ` +
        `points at this machine could otherwise read the app). If it is yours, start swerve up with --allowed-host ${name}`,
    );
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Before anything is read or done: a page under another name may be a DNS-rebinding attack.
    if (!hostCheck.allows(request.headers.host)) {
      reportRefusedHost(request.headers.host);
      return send(
        request,
        response,
        403,
        'text/plain; charset=utf-8',
        hostCheck.refusal(request.headers.host),
      );
    }
    // Concatenated rather than resolved, so that a request for `//x/y` is the path `//x/y`, not host `x`.
    const target = request.url ?? '/';
    const url = new URL(
      target.startsWith('/') ? `http://swerve.invalid${target}` : target,
      'http://swerve.invalid/',
    );
    for (const [name, value] of Object.entries(securityHeaders(url.pathname)))
      response.setHeader(name, value);
    const route = routeRequest(request.method ?? 'GET', url.pathname, request.headers, host.files);
    // Nothing here is worth caching on loopback, and most of it may change while the server runs.
    if (!response.hasHeader('cache-control')) response.setHeader('cache-control', 'no-store');
    switch (route.kind) {
      case 'host-file':
        return sendFile(request, response, host.files.get(route.path)!, contentType(route.path));
      case 'prepared': {
        const file = prepared.file(route.path);
        if (!file) return send(request, response, 404, 'text/plain; charset=utf-8', 'Not found.\n');
        return sendFile(request, response, file, contentType(route.path));
      }
      case 'catalog':
        return send(request, response, 200, CONTENT_TYPES['.json']!, JSON.stringify(catalog));
      case 'listing': {
        try {
          const listing = withPrepared(
            await folder.refresh(),
            await prepared.prepare(folder.app, options.log),
            folder,
          );
          lastProblem = undefined;
          options.feed?.publish(listing.version);
          if (listing.version !== lastVersion) {
            lastVersion = listing.version;
            options.log(`${listing.name} changed on disk: a browser is deploying the new version.`);
          }
          return send(request, response, 200, CONTENT_TYPES['.json']!, JSON.stringify(listing));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (message !== lastProblem) options.warn(message);
          lastProblem = message;
          return send(request, response, 500, 'text/plain; charset=utf-8', `${message}\n`);
        }
      }
      case 'app-file': {
        const file = folder.file(route.path);
        if (!file) return send(request, response, 404, 'text/plain; charset=utf-8', 'Not found.\n');
        return sendFile(request, response, file, contentType(route.path, 'application/octet-stream'));
      }
      case 'events': {
        // Another site's page may post here unasked (a simple no-cors POST): only the served
        // origin's own pages and worker are printed, and never a control character.
        const refusal = sameOriginRefusal(request.headers, { json: true });
        if (refusal) {
          return send(
            request,
            response,
            403,
            'text/plain; charset=utf-8',
            `Only the app's own pages may post to the terminal: this was ${refusal}.\n`,
          );
        }
        for (const event of parseEvents(await readBody(request, EVENTS_LIMIT))) {
          if (event.type === 'request' && options.requestLog === false) continue;
          const line = terminalLine(event);
          (line.stream === 'out' ? options.log : options.warn)(line.text);
        }
        response.statusCode = 204;
        return void response.end();
      }
      case 'version':
        if (!options.feed) return send(request, response, 404, 'text/plain; charset=utf-8', 'Not found.\n');
        return send(
          request,
          response,
          200,
          CONTENT_TYPES['.json']!,
          JSON.stringify({ version: options.feed.version }),
        );
      case 'changes':
        if (!options.feed) return send(request, response, 404, 'text/plain; charset=utf-8', 'Not found.\n');
        return options.feed.listen(response);
      case 'relay':
        if (!options.relay) return send(request, response, 404, 'text/plain; charset=utf-8', 'Not found.\n');
        return relay(request, response, folder);
      case 'bootstrap': {
        if (url.pathname === REDEPLOY_PATH) {
          const back = checkReturnPath(url.searchParams.get('to'));
          if (!back.ok) return send(request, response, 400, 'text/plain; charset=utf-8', `${back.problem}\n`);
        }
        return send(request, response, 200, CONTENT_TYPES['.html']!, upPageHtml(folder.listing.name));
      }
      case 'not-a-browser':
        return send(
          request,
          response,
          503,
          'text/plain; charset=utf-8',
          notABrowserText(`${options.baseUrl().replace(/\/$/, '')}${url.pathname}${url.search}`),
        );
      case 'not-found':
        return send(request, response, 404, 'text/plain; charset=utf-8', 'Not found.\n');
      case 'method-not-allowed':
        response.setHeader('allow', 'GET, HEAD');
        return send(request, response, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD.\n');
    }
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.warn(`[swerve] ${request.method} ${request.url} failed: ${String(error)}`);
      if (!response.headersSent) send(request, response, 500, 'text/plain; charset=utf-8', 'Server error.\n');
      else response.destroy();
    });
  });
}

function contentType(path: string, fallback = 'application/octet-stream'): string {
  return CONTENT_TYPES[extname(path)] ?? fallback;
}
