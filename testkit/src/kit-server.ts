/**
 * The kit's HTTP server, one per Playwright worker: the packaged host build at every origin
 * (`http://kit.localhost:<port>` and each app's `http://<key>.kit.localhost:<port>`), the driver
 * page and the apps' files at the site origin. The per-origin answers (security headers, the
 * bootstrap page for a navigation the service worker did not take) are the Vite plugin's own
 * middleware, as the site uses it.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname } from 'node:path';
import {
  APP_FILES_PREFIX as FOLDER_PREFIX,
  appKeyOf,
  appOrigin,
  CATALOG_PATH,
  FileHasher,
  hostMiddleware,
  PREPARED_PATH,
  PreparedComponents,
  relativeFromUrlPath,
  type PreparedComponent,
} from 'swerve/node';
import type { AppSource } from './app-source.ts';
import { kitCacheDir } from './kit-cache.ts';
import { APP_FILES_PREFIX, HELD_BODY_PREFIX } from './driver-api.ts';
import type { PackagedHost } from './host-build.ts';

/** The site's host: two labels, so that `<key>.kit.localhost` are its app origins (app-origins.ts). */
export const SITE_HOST = 'kit.localhost';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.html': 'text/html; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
};

export interface KitServer {
  /** `http://kit.localhost:<port>` */
  readonly siteOrigin: string;
  /** The origin of the app `key`. */
  appOrigin(key: string): string;
  /** Serves `app`'s files at the site origin; returns the URL path of each folder-relative path. */
  addApp(app: AppSource): (relativePath: string) => string;
  /**
   * Transpiles `app`'s components here, once per content hash (kept on disk for later runs), and
   * serves them at every app origin: a test's deploy then only compiles them.
   */
  prepare(app: AppSource): Promise<Record<string, PreparedComponent>>;
  /**
   * Holds a request body for the page to fetch once, at any origin, by the path returned
   * (app-fetch.ts); `release` lets go of it if the page never did.
   */
  holdBody(bytes: Uint8Array): { path: string; release(): void };
  /** A path the page sends a large answer's body to (once, at any origin), and those bytes. */
  takeBody(): { path: string; taken: Promise<Uint8Array>; release(): void };
  close(): Promise<void>;
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  response.statusCode = status;
  response.setHeader('content-type', type);
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}

async function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: string | undefined,
  caching?: 'immutable',
) {
  const info = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) return send(response, 404, 'Not found.\n');
  // Named by their content: Chromium may keep their compiled code across the tests' contexts.
  if (caching) response.setHeader('cache-control', 'public, max-age=31536000, immutable');
  response.setHeader('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  response.setHeader('content-length', info.size);
  if (request.method === 'HEAD') return void response.end();
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

/** Starts the server on 127.0.0.1 at `port` (0: any free port). */
export async function startKitServer(host: PackagedHost, port: number): Promise<KitServer> {
  const apps = new Map<string, AppSource>();
  const prepared = new PreparedComponents(await kitCacheDir(), host.build, new FileHasher());
  const middleware = hostMiddleware();
  /** Request bodies held for the page, by the random id in their path: each is served once. */
  const heldBodies = new Map<string, Uint8Array>();
  /** Answers' bodies the page will send, by the random id in their path. */
  const takers = new Map<string, (bytes: Uint8Array) => void>();
  let siteOrigin = '';

  async function take(
    request: IncomingMessage,
    response: ServerResponse,
    taker: (bytes: Uint8Array) => void,
  ) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    taker(new Uint8Array(Buffer.concat(chunks)));
    response.statusCode = 204;
    response.end();
  }

  function serve(request: IncomingMessage, response: ServerResponse): Promise<void> | void {
    const taker = request.method === 'POST' ? takerOf(request) : undefined;
    if (taker) return take(request, response, taker);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'Only GET and HEAD.\n');
    const url = new URL(request.url ?? '/', 'http://kit.invalid');
    const path = url.pathname;
    if (path === CATALOG_PATH)
      return send(response, 200, JSON.stringify({ build: host.build, apps: [] }), CONTENT_TYPES['.json']);
    if (host.files.has(path)) return sendFile(request, response, host.files.get(path));
    if (path.startsWith(PREPARED_PATH)) return sendFile(request, response, prepared.file(path), 'immutable');
    if (path.startsWith(HELD_BODY_PREFIX)) {
      const id = path.slice(HELD_BODY_PREFIX.length);
      const bytes = heldBodies.get(id);
      heldBodies.delete(id);
      if (!bytes) return send(response, 404, 'No such request body (each is served once).\n');
      response.setHeader('content-type', 'application/octet-stream');
      response.setHeader('content-length', bytes.length);
      return void response.end(bytes);
    }
    // The apps' files are for the driver page only, at the site origin.
    const isSite = !appKeyOf(`http://${request.headers.host ?? ''}`);
    if (isSite && path.startsWith(APP_FILES_PREFIX)) {
      const [id = '', ...rest] = path.slice(APP_FILES_PREFIX.length).split('/');
      const relative = relativeFromUrlPath(`${FOLDER_PREFIX}${rest.join('/')}`);
      const file = relative === undefined ? undefined : apps.get(id)?.served.get(relative);
      return sendFile(request, response, file);
    }
    return send(response, 404, 'Not found.\n');
  }

  /** The taker a POST is for, once: only to a path takeBody gave out. */
  function takerOf(request: IncomingMessage) {
    const path = new URL(request.url ?? '/', 'http://kit.invalid').pathname;
    if (!path.startsWith(HELD_BODY_PREFIX)) return undefined;
    const id = path.slice(HELD_BODY_PREFIX.length);
    const taker = takers.get(id);
    takers.delete(id);
    return taker;
  }

  const server: Server = createServer((request, response) => {
    // Nothing here is worth caching between tests: each test's context starts empty anyway.
    response.setHeader('cache-control', 'no-store');
    middleware(request, response, () => {
      Promise.resolve(serve(request, response)).catch((error: unknown) => {
        if (!response.headersSent) send(response, 500, `[swerve] ${String(error)}\n`);
        else response.destroy();
      });
    });
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `[swerve] The kit's server cannot listen on port ${port}: it is in use. Set swervePort to a free port, or to 0 for any.`
            : `[swerve] The kit's server cannot listen on port ${port}: ${error.message}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
  siteOrigin = `http://${SITE_HOST}:${bound}`;

  return {
    siteOrigin,
    appOrigin: (key) => appOrigin(key, siteOrigin),
    prepare: (app) => prepared.prepare(app, () => undefined),
    addApp(app) {
      apps.set(app.id, app);
      return (relative) =>
        `${APP_FILES_PREFIX}${app.id}/${relative.split('/').map(encodeURIComponent).join('/')}`;
    },
    takeBody() {
      const id = randomUUID();
      const taken = new Promise<Uint8Array>((resolve) => takers.set(id, resolve));
      return { path: `${HELD_BODY_PREFIX}${id}`, taken, release: () => takers.delete(id) };
    },
    holdBody(bytes) {
      const id = randomUUID();
      heldBodies.set(id, bytes);
      return { path: `${HELD_BODY_PREFIX}${id}`, release: () => heldBodies.delete(id) };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
