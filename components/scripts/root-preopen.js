// @ts-check
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * componentize-js and jco-transpile's wasm-tools run on preview2-shim, which (since 0.25) gives
 * them no `/` preopen in Node: any path they are handed fails with "failed to get path metadata
 * (os error 44)". This adds that preopen on the preview2-shim instance the given package loads
 * (resolved from that package, in case npm gave it its own copy).
 *
 * @param {string} packageName  the package whose preview2-shim needs the preopen
 */
export async function addRootPreopen(packageName) {
  const entry = fileURLToPath(import.meta.resolve(packageName));
  const shimPath = createRequire(entry).resolve('@bytecodealliance/preview2-shim/filesystem');
  const { _addPreopen } = await import(pathToFileURL(shimPath).href);
  _addPreopen('/', '/');
}
