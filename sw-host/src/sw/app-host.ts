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

let nextRequestId = 1;

export class AppHost {
  #catalog: Promise<AppCatalog> | undefined;
  readonly #components = new ComponentCache();

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

  /** Answers a request whose path is under the apps root. */
  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const requestId = nextRequestId++;
    let app: CatalogApp | undefined;
    try {
      app = findMountedApp(await this.catalog(), url.pathname);
      if (!app) return new Response(null, { status: 404 });
      const componentId = componentFor(app);
      const artifacts = app.components[componentId];
      if (!artifacts) {
        throw new SwerveError(
          'component-unavailable',
          `App "${app.name}" has no built component "${componentId}".`,
        );
      }
      const label = `${app.name}/${componentId}`;
      const component = await this.#components.get(artifacts.version, () => fetchComponent(label, artifacts));
      const inner = await requestInApp(request, new URL(pathInApp(app, url), url.origin));
      const { response } = await serveRequest(component, inner, {
        stdout: (line) => console.log(`[${label} #${requestId}] ${line}`),
        stderr: (line) => console.error(`[${label} #${requestId}] ${line}`),
      });
      return response;
    } catch (error) {
      console.error(`[swerve] ${request.method} ${url.pathname} (request #${requestId}) failed:`, error);
      return new Response(null, { status: 500 });
    }
  }
}

/** The component that serves the app. The skeleton's apps have one `/...` trigger each. */
function componentFor(app: CatalogApp): string {
  const manifest = parse(app.manifest) as { trigger?: { http?: { component?: unknown }[] } };
  const component = manifest.trigger?.http?.[0]?.component;
  if (typeof component !== 'string') {
    throw new SwerveError('manifest-invalid', `App "${app.name}" has no [[trigger.http]] with a component.`);
  }
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
