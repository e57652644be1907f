/**
 * Compiles the core modules of deployed components so that Chromium keeps their compiled code
 * across browser restarts. V8 caches compiled Wasm only for `compileStreaming` of a Response
 * with a stable URL, from the HTTP cache or from Cache Storage, and writes the cache once its
 * optimizing tier has compiled enough of the module (v8.dev/blog/wasm-code-caching; measured
 * in Chromium 156). The site's components already come from immutable versioned URLs
 * (/_swerve/components/); a deployed component's bytes live in IndexedDB, so its rewritten core
 * modules are put in Cache Storage under `/_swerve/cache/<rewrite>-<version>/<file>` (content
 * addressed: the version is a hash of the transpiled component) and compiled from there.
 *
 * Where Cache Storage is missing or refused (a worker in a frame on another site may get no
 * storage), the bytes are compiled directly: the same module, only not cached.
 */
import { CODE_CACHE_PATH } from '../protocol/paths.ts';
import { CORE_MODULE_REWRITE } from './rewrite-core-module.ts';

const CACHE_NAME = 'swerve-core-modules';

/** The URL a deployed component's core module is cached under. */
export function codeCacheUrl(version: string, file: string): string {
  return `${CODE_CACHE_PATH}${CORE_MODULE_REWRITE}-${version}/${file}`;
}

/** Compiles `bytes` (already rewritten), streaming from Cache Storage under `codeCacheUrl(version, file)`. */
export async function compileCached(
  version: string,
  file: string,
  bytes: Uint8Array,
): Promise<WebAssembly.Module> {
  let response: Response | undefined;
  try {
    const cache = await caches.open(CACHE_NAME);
    const url = new URL(codeCacheUrl(version, file), self.location.href).href;
    response = await cache.match(url);
    if (!response) {
      await cache.put(
        url,
        new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/wasm' } }),
      );
      response = await cache.match(url);
    }
  } catch {
    response = undefined;
  }
  if (response) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
}

/**
 * Deletes the cached core modules of every version not in `inUse`, and those of an older rewrite
 * (their URLs name it, so they are never read again). Where Cache Storage is refused, nothing is cached.
 */
export async function pruneCodeCache(inUse: ReadonlySet<string>): Promise<void> {
  let cache: Cache;
  try {
    cache = await caches.open(CACHE_NAME);
  } catch {
    return;
  }
  const kept = new Set([...inUse].map((version) => `${CORE_MODULE_REWRITE}-${version}`));
  for (const request of await cache.keys()) {
    const { pathname } = new URL(request.url);
    const folder = pathname.startsWith(CODE_CACHE_PATH)
      ? pathname.slice(CODE_CACHE_PATH.length).split('/')[0]
      : '';
    if (!kept.has(folder ?? '')) await cache.delete(request);
  }
}
