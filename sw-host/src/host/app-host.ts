/**
 * Serves the apps of one origin: routes each request with Spin's rules and dispatches it: a
 * well-known or static answer here, a component to the guest executor (runtime/), which runs it
 * in a fresh instance. Runs in the service worker or in a dedicated worker alike. Any failure
 * becomes a 500 (504 past a deadline) for that request and a logged error, never a dead worker.
 */
import { AppRegistry } from '../apps/app-registry.ts';
import type { AppStore } from '../apps/app-store.ts';
import type { InProcessServer } from '../runtime/instance/app-outbound.ts';
import type { AppComponent, DeployedApp } from '../apps/deployed-app.ts';
import type { InstanceSinks } from '../runtime/instance/instance-imports.ts';
import type { AppCatalog, LiveReload } from '../catalog/app-catalog.ts';
import { siteAppDefinitions } from '../apps/site-apps.ts';
import type { TranspiledBytes } from '../component/transpile-component.ts';
import { SwerveError } from '../errors.ts';
import { componentRequest } from './component-request.ts';
import { failureStatus } from '../runtime/serve-request.ts';
import { CATALOG_PATH } from '../protocol/paths.ts';
import type { RequestRecord } from '../protocol/request-record.ts';
import {
  appInfoBody,
  CHAINED_CLIENT_ADDR,
  HEALTH_BODY,
  spinRequestHeaders,
  type RouteMatch,
  type RouteResult,
} from '../routing/index.ts';
import { appKeyOf } from '../origins/app-origins.ts';
import { ORIGINS } from '../origins/configured-origins.ts';
import { responseOf, type GuestExecutor } from '../runtime/guest-executor.ts';
import { HostEvents } from './host-events.ts';

/**
 * The client address components see in `spin-client-addr`. A service worker is never told the
 * client's socket address; the page is on this machine, so loopback is the honest answer.
 */
const CLIENT_ADDR = '127.0.0.1:0';

async function fetchCatalog(): Promise<AppCatalog> {
  const response = await fetch(CATALOG_PATH, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${CATALOG_PATH} answered ${response.status}`);
  return (await response.json()) as AppCatalog;
}

export class AppHost implements InProcessServer {
  readonly events = new HostEvents();
  readonly registry: AppRegistry;
  /** `swerve watch`'s settings, once the catalog is read (sw/live-reload.ts). */
  liveReload: LiveReload | undefined;
  readonly #executor: GuestExecutor;

  /**
   * `origin`: where this host runs; an app origin also serves the catalog app of its key.
   * `store`: where deployed apps are kept (IndexedDB unless the browser denies it).
   * `executor`: what runs components (runtime/wasm-executor.ts, given the same store).
   */
  constructor(
    readonly origin: string,
    readonly store: AppStore,
    executor: GuestExecutor,
  ) {
    this.#executor = executor;
    this.registry = new AppRegistry(
      store,
      async () => {
        const catalog = await fetchCatalog();
        if (catalog.events) this.events.relayTo(catalog.events);
        this.liveReload = catalog.liveReload;
        return siteAppDefinitions(catalog, appKeyOf(origin, ORIGINS));
      },
      (level, message, app) => this.events.log({ level, source: 'host', app, message }),
    );
  }

  /**
   * Compiles a component just transpiled by a deploy, so its first request need not read it
   * back from storage and compile it then. A failure here is forgotten; that request loads it.
   */
  preload(label: string, version: string, transpiled: TranspiledBytes): void {
    this.#executor.preload(label, version, transpiled);
  }

  /**
   * Answers a request for `app`. `pathInApp` is the path and query the app sees (mount removed).
   * `chainedTo` names the component a service-chaining request goes to (route `/...`).
   * `browserHeaders` are what the browser would have told a server and the service worker
   * learns otherwise (`Origin`, `Referer`, `Sec-Fetch-*`: sw/fetch-metadata.ts); requests that
   * come over the host protocol or from the app itself carry none, as a request from curl.
   */
  async handle(
    request: Request,
    app: DeployedApp,
    pathInApp: string,
    chainedTo?: string,
    browserHeaders: readonly [string, string][] = [],
  ): Promise<Response> {
    const started = performance.now();
    const record: RequestRecord = {
      id: this.events.requests.nextId(),
      at: Date.now(),
      app: app.name,
      method: request.method,
      path: pathInApp,
      status: 0,
      timings: { loadMs: 0, instantiateMs: 0, handleMs: 0, totalMs: 0 },
    };
    let response: Response;
    try {
      response = await this.#route(request, app, pathInApp, record, chainedTo, browserHeaders);
      // HEAD gets the headers of GET and no body, whatever answered (a static response too).
      if (request.method === 'HEAD' && response.body) {
        void response.body.cancel();
        response = new Response(null, { status: response.status, headers: response.headers });
      }
    } catch (error) {
      // 503 for a run lost with its guest worker (guest-pool/guest-pool.ts): the host could not serve it.
      const status =
        error instanceof SwerveError && error.code === 'host-unavailable' ? 503 : failureStatus(error);
      record.error = error instanceof Error ? error.message : String(error);
      // A SwerveError's message says all there is to say; anything else is a host bug: keep its stack.
      const detail = error instanceof SwerveError ? error.detail : error;
      this.events.log({
        level: 'error',
        source: 'host',
        app: app.name,
        component: record.component,
        requestId: record.id,
        message: `${request.method} ${pathInApp} answered ${status}: ${String(detail)}`,
      });
      if (!(error instanceof SwerveError)) console.error(error);
      response = new Response(null, { status });
    }
    record.status = response.status;
    record.timings.totalMs = performance.now() - started;
    this.events.request(record);
    return response;
  }

  /** A service-chaining request (`http://<component>.spin.internal/...`) from a component of `app`. */
  handleChained(request: Request, app: DeployedApp, componentId: string): Promise<Response> {
    const { pathname, search } = new URL(request.url);
    return this.handle(request, app, `${pathname}${search}`, componentId);
  }

  async #route(
    request: Request,
    app: DeployedApp,
    pathInApp: string,
    record: RequestRecord,
    chainedTo: string | undefined,
    browserHeaders: readonly [string, string][],
  ): Promise<Response> {
    const url = new URL(pathInApp, request.url);
    const result =
      chainedTo === undefined ? app.router.route(url.pathname) : chainedRoute(app, chainedTo, url);
    switch (result.kind) {
      case 'health':
        return new Response(HEALTH_BODY, { headers: { 'content-type': 'text/plain' } });
      case 'info':
        return new Response(appInfoBody(app.manifest.application), {
          headers: { 'content-type': 'application/json' },
        });
      case 'not-found':
        if (!result.reserved) {
          this.events.log({
            level: 'warn',
            source: 'host',
            app: app.name,
            requestId: record.id,
            message: `No route matches ${url.pathname}.`,
          });
        }
        return new Response(null, { status: 404 });
      case 'matched':
        break;
    }
    const { match } = result;
    if (match.target.kind === 'static-response') {
      const { status, headers, body } = match.target.response;
      return new Response(body ?? null, {
        status,
        headers: headers.map(([name, value]): [string, string] => [name, value]),
      });
    }
    const component = app.components.get(match.target.componentId);
    if (!component)
      throw new SwerveError('component-unavailable', `No component "${match.target.componentId}".`);
    record.component = component.id;
    return this.#runComponent(
      request,
      app,
      component,
      url,
      match,
      record,
      chainedTo !== undefined,
      browserHeaders,
    );
  }

  /** Hands the request, as the component sees it, to the executor. */
  async #runComponent(
    request: Request,
    app: DeployedApp,
    component: AppComponent,
    url: URL,
    match: RouteMatch,
    record: RequestRecord,
    chained: boolean,
    browserHeaders: readonly [string, string][],
  ): Promise<Response> {
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const inner = await componentRequest({
      url,
      method: request.method,
      headers: request.headers,
      body: hasBody ? request.body : null,
      extraHeaders: [
        ...browserHeaders,
        ['host', new URL(request.url).host],
        ...spinRequestHeaders({
          match,
          fullUrl: request.url,
          clientAddr: chained ? CHAINED_CLIENT_ADDR : CLIENT_ADDR,
        }),
      ],
    });
    const log = (level: 'info' | 'warn', source: 'stdout' | 'stderr' | 'host') => (message: string) =>
      this.events.log({
        level,
        source,
        app: app.name,
        component: component.id,
        requestId: record.id,
        message,
      });
    const sinks: InstanceSinks = {
      stdout: log('info', 'stdout'),
      stderr: log('info', 'stderr'),
      warn: log('warn', 'host'),
    };
    const outcome = await this.#executor.execute({
      app,
      component,
      request: inner,
      sinks,
      server: this,
      onLateFailure: (error) =>
        this.events.log({
          level: 'error',
          source: 'host',
          app: app.name,
          component: component.id,
          requestId: record.id,
          message: error.detail,
        }),
    });
    const { report } = outcome;
    record.timings.loadMs = report.loadMs;
    record.timings.instantiateMs = report.instantiateMs;
    record.timings.handleMs = report.handleMs;
    if (report.load) record.load = report.load;
    if (report.ranIn) record.ranIn = report.ranIn;
    // A copy: calls that end after the response began are not this record's (it is sent now).
    if (report.outbound)
      record.outbound = { calls: [...report.outbound.calls], omitted: report.outbound.omitted };
    return responseOf(outcome);
  }
}

/** Service chaining reaches a component whatever its route, private ones included. */
function chainedRoute(app: DeployedApp, componentId: string, url: URL): RouteResult {
  const match = app.router.routeToComponent(componentId, url.pathname);
  return match ? { kind: 'matched', match } : { kind: 'not-found', reserved: false };
}
