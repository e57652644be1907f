/**
 * Routes requests under an app's mount to that app's components.
 *
 * Knows the apps deployed with the site (the catalog at /_swerve/apps.json, fetched once per
 * worker start), keeps each loaded component for the life of the worker, and turns any
 * failure into a 500 for that request and a logged error, never a dead worker.
 */
import { parse } from 'smol-toml';
import { findMountedApp, pathInApp, type AppCatalog, type CatalogApp } from '../catalog/app-catalog.ts';
import { ComponentCache } from '../component/component-cache.ts';
import { fetchComponent } from '../component/fetch-component.ts';
import { SwerveError } from '../errors.ts';
import { serveRequest } from '../http/serve-request.ts';
import { CATALOG_PATH } from '../protocol/paths.ts';
import type { RequestRecord } from '../protocol/request-record.ts';
import { RequestJournal } from './request-journal.ts';

export class AppHost {
  #catalog: Promise<AppCatalog> | undefined;
  readonly #components = new ComponentCache();
  readonly journal = new RequestJournal();

  /** The catalog, fetched on first use; a failed fetch is retried by the next request. */
  catalog(): Promise<AppCatalog> {
    this.#catalog ??= fetch(CATALOG_PATH, { cache: 'no-cache' }).then(async (response) => {
      if (!response.ok) {
        throw new SwerveError(
          'host-unavailable',
          `Could not load the app catalog ${CATALOG_PATH}: ${response.status}.`,
        );
      }
      return (await response.json()) as AppCatalog;
    });
    this.#catalog.catch(() => (this.#catalog = undefined));
    return this.#catalog;
  }

  /** Answers a request whose path is under the apps root, and records how it went. */
  async handle(request: Request): Promise<Response> {
    const started = performance.now();
    const url = new URL(request.url);
    const record: RequestRecord = {
      id: this.journal.nextId(),
      at: Date.now(),
      app: '',
      method: request.method,
      path: url.pathname + url.search,
      status: 0,
      timings: { loadMs: 0, instantiateMs: 0, handleMs: 0, totalMs: 0 },
    };
    let response: Response;
    try {
      response = await this.#serve(request, url, record);
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
      // A SwerveError's message says all there is to say; anything else is a host bug: keep its stack.
      const detail = error instanceof SwerveError ? error.message.replace(/^\[swerve\] /, '') : error;
      console.error(`[swerve] request #${record.id} ${request.method} ${record.path} answered 500:`, detail);
      response = new Response(null, { status: 500 });
    }
    record.status = response.status;
    record.timings.totalMs = performance.now() - started;
    this.journal.add(record);
    return response;
  }

  async #serve(request: Request, url: URL, record: RequestRecord): Promise<Response> {
    const app = findMountedApp(await this.catalog(), url.pathname);
    if (!app) return new Response(null, { status: 404 });
    record.app = app.name;
    record.path = pathInApp(app, url);
    const componentId = componentFor(app);
    record.component = componentId;
    const artifacts = app.components[componentId];
    if (!artifacts) {
      throw new SwerveError(
        'component-unavailable',
        `App "${app.name}" has no built component "${componentId}".`,
      );
    }
    const label = `${app.name}/${componentId}`;
    const loadStarted = performance.now();
    let loadedHere = false;
    const component = await this.#components.get(artifacts.version, () => {
      loadedHere = true;
      return fetchComponent(label, artifacts);
    });
    record.timings.loadMs = performance.now() - loadStarted;
    if (loadedHere) record.load = component.timings;
    const inner = await requestInApp(request, new URL(record.path, url.origin));
    const { response, timings } = await serveRequest(component, inner, {
      stdout: (line) => console.log(`[${label} #${record.id}] ${line}`),
      stderr: (line) => console.error(`[${label} #${record.id}] ${line}`),
    });
    record.timings.instantiateMs = timings.instantiateMs;
    record.timings.handleMs = timings.handleMs;
    return response;
  }
}

const componentIds = new WeakMap<CatalogApp, string>();

/** The component that serves the app. The skeleton's apps have one `/...` trigger each. */
function componentFor(app: CatalogApp): string {
  const known = componentIds.get(app);
  if (known) return known;
  const manifest = parse(app.manifest) as { trigger?: { http?: { component?: unknown }[] } };
  const component = manifest.trigger?.http?.[0]?.component;
  if (typeof component !== 'string') {
    throw new SwerveError('manifest-invalid', `App "${app.name}" has no [[trigger.http]] with a component.`);
  }
  componentIds.set(app, component);
  return component;
}

/** The request as the component sees it: at the root of its own origin, mount removed. */
async function requestInApp(request: Request, url: URL): Promise<Request> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? await request.arrayBuffer() : null,
  });
}
