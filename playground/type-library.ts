/**
 * The declarations the editor's TypeScript service checks a handler against, gathered at build
 * time from installed packages (nothing is fetched from a CDN; docs/decisions/0027):
 * - TypeScript's own libraries for the runner's engine: ES2023 and a worker's globals;
 * - the runner's globals and Spin modules (runner-types/);
 * - itty-router's and Hono's declarations, only the files reachable from the entry points the
 *   runner ships (components/runner/src/runner.js), under a package.json that exports only those,
 *   so importing another entry point is the same error in the editor as under the runner.
 * Keys are the paths the service sees them at.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** The `lib` compiler option the service uses: the runner's language level and a worker's globals. */
export const TYPE_LIBRARY_LIBS = ['es2023', 'webworker', 'webworker.iterable', 'webworker.asynciterable'];

/** Where the service finds TypeScript's libraries (the directory of its default library). */
export const LIB_DIRECTORY = '/lib';

/** Where the runner's own declarations are: each is a root file of every project. */
export const RUNNER_TYPES_DIRECTORY = '/runner-types';

/** The packages the runner builds in, and the entry points of each it lets a handler import. */
const PACKAGES: Record<string, Record<string, string>> = {
  'itty-router': { '.': 'index.d.ts' },
  hono: {
    '.': 'dist/types/index.d.ts',
    './cors': 'dist/types/middleware/cors/index.d.ts',
    './logger': 'dist/types/middleware/logger/index.d.ts',
    './http-exception': 'dist/types/http-exception.d.ts',
    './service-worker': 'dist/types/adapter/service-worker/index.d.ts',
  },
};

const require = createRequire(import.meta.url);
const RUNNER_TYPES = fileURLToPath(new URL('./runner-types/', import.meta.url));

/** A library file with the libraries it names (`/// <reference lib="..." />`), transitively. */
function addLib(name: string, libDir: string, files: Record<string, string>): void {
  const file = `lib.${name.toLowerCase()}.d.ts`;
  const path = `${LIB_DIRECTORY}/${file}`;
  if (path in files) return;
  const text = readFileSync(join(libDir, file), 'utf8');
  files[path] = text;
  for (const [, referenced] of text.matchAll(/\/\/\/\s*<reference\s+lib="([^"]+)"/g)) {
    addLib(referenced!, libDir, files);
  }
}

/** The declaration file a relative import names, as a package's .d.ts files write them. */
function declarationOf(
  fromFile: string,
  specifier: string,
  exists: (path: string) => boolean,
): string | undefined {
  const base = posix.join(posix.dirname(fromFile), specifier).replace(/\.(m?js|d\.ts|ts)$/, '');
  return [`${base}.d.ts`, `${base}/index.d.ts`].find(exists);
}

/** The folder of an installed package (whose exports may not include its package.json). */
function packageRoot(name: string): string {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name
    ) {
      return dir;
    }
  }
  throw new Error(
    `type library: no package.json named ${name} above ${require.resolve(name)}; is ${name} installed?`,
  );
}

/** A package's declarations reachable from `entries`, at `/node_modules/<name>/...`. */
function addPackage(name: string, entries: Record<string, string>, files: Record<string, string>): void {
  const root = packageRoot(name);
  const exists = (path: string) => existsSync(join(root, path));
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  const exports = Object.fromEntries(
    Object.entries(entries).map(([subpath, types]) => [subpath, { types: `./${types}` }]),
  );
  files[`/node_modules/${name}/package.json`] = JSON.stringify({ name, version, exports });
  const pending = Object.values(entries);
  const seen = new Set<string>();
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(root, file), 'utf8');
    files[`/node_modules/${name}/${file}`] = text;
    // `from './x.js'`, `import('./x')` and `/// <reference path="./x.d.ts" />`, comments aside.
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '');
    const specifiers = code.matchAll(
      /(?:\bfrom\s*|\bimport\s*\(\s*|<reference\s+path=)["'](\.{1,2}\/[^"']+)["']/g,
    );
    for (const [, specifier] of specifiers) {
      const found = declarationOf(file, specifier!, exists);
      if (found) pending.push(found);
    }
  }
}

/** Every declaration the editor's TypeScript service needs, by the path it reads it at. */
export function typeLibrary(): Record<string, string> {
  const files: Record<string, string> = {};
  const libDir = dirname(require.resolve('typescript/lib/lib.d.ts'));
  for (const lib of TYPE_LIBRARY_LIBS) addLib(lib, libDir, files);
  for (const [name, entries] of Object.entries(PACKAGES)) addPackage(name, entries, files);
  for (const file of readdirSync(RUNNER_TYPES)
    .filter((f) => f.endsWith('.d.ts'))
    .sort()) {
    files[`${RUNNER_TYPES_DIRECTORY}/${file}`] = readFileSync(join(RUNNER_TYPES, file), 'utf8');
  }
  return files;
}

/** The module the editor's TypeScript worker imports the library from (src/lib/typescript/type-library-module.d.ts). */
export const TYPE_LIBRARY_MODULE = 'virtual:swerve-type-library';

/**
 * Serves `virtual:swerve-type-library`: the library and where the service finds it, read from the
 * installed packages when the worker is built, so it is in the worker's bundle and nowhere else.
 */
export function typeLibraryModule(): Plugin {
  const resolved = `\0${TYPE_LIBRARY_MODULE}`;
  return {
    name: 'swerve-type-library',
    resolveId: (id) => (id === TYPE_LIBRARY_MODULE ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      const library = {
        files: typeLibrary(),
        libs: TYPE_LIBRARY_LIBS,
        libDirectory: LIB_DIRECTORY,
        runnerTypesDirectory: RUNNER_TYPES_DIRECTORY,
      };
      // JSON.parse of a string is quicker to load than the same object as a literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(library))});`;
    },
  };
}
