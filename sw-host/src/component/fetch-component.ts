/**
 * Loads a component from the URLs of its transpiled artifacts: fetches the glue, compiles the
 * core modules (streaming, so compilation overlaps the download), and evaluates the glue. The
 * artifacts are fetched from the site's origin where this is one of its app origins, so all of
 * them share one download and one compiled code (site-artifact-urls.ts).
 */
import type { CatalogComponent } from '../catalog/app-catalog.ts';
import { SwerveError } from '../errors.ts';
import { ORIGINS } from '../origins/configured-origins.ts';
import { LoadedComponent } from './loaded-component.ts';
import { siteArtifactUrls } from './site-artifact-urls.ts';

async function fetchOk(path: string, label: string): Promise<Response> {
  const urls = siteArtifactUrls(path, self.location.origin, ORIGINS);
  const own = urls.at(-1)!;
  for (const url of urls.slice(0, -1)) {
    // The site's copy; any failure (no CORS header on this host, a network error) falls back.
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) return response;
  }
  let response: Response;
  try {
    response = await fetch(own);
  } catch (error) {
    throw new SwerveError('component-unavailable', `Could not fetch ${own} for ${label}: ${String(error)}`, {
      cause: error,
    });
  }
  if (!response.ok) {
    throw new SwerveError(
      'component-unavailable',
      `Could not fetch ${own} for ${label}: the server answered ${response.status}. Rebuild and redeploy the site.`,
    );
  }
  return response;
}

async function compileCoreModule(url: string, label: string): Promise<WebAssembly.Module> {
  const response = await fetchOk(url, label);
  // compileStreaming needs the application/wasm content type; fall back for servers without it.
  if (response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Fetches, compiles and evaluates a component described by the catalog. */
export async function fetchComponent(label: string, component: CatalogComponent): Promise<LoadedComponent> {
  const started = performance.now();
  const gluePromise = fetchOk(component.glue, label).then((response) => response.text());
  const entries = await Promise.all(
    Object.entries(component.coreModules).map(
      async ([name, url]) => [name, await compileCoreModule(url, label)] as const,
    ),
  );
  const glue = await gluePromise;
  const loadedMs = performance.now() - started;
  // Fetching and compiling overlap; report them as one step.
  return LoadedComponent.fromTranspiled(
    label,
    component.version,
    { glue, coreModules: Object.fromEntries(entries) },
    { fetchMs: loadedMs, compileMs: 0 },
  );
}
