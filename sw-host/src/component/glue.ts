/**
 * Evaluates jco's glue for a component, once per component version.
 *
 * jco's `--instantiation async` output is an ES module exporting
 * `instantiate(getCoreModule, imports, instantiateCore)`, with no import statements. A service
 * worker may not `import()` a module at run time, so we evaluate the glue as a function body
 * instead (this is why the worker's CSP allows 'unsafe-eval'; see
 * docs/decisions/0002-evaluate-jco-glue-in-the-service-worker.md). That takes three rewrites,
 * each checked so that a change in jco's output fails loudly here rather than oddly later:
 * - `export function instantiate` and `export const _util` lose their `export`;
 * - `import.meta.url`, used only by a fallback for a missing `getCoreModule` that we never
 *   take, becomes `undefined` (it is a syntax error outside a module).
 */
import type { ImportObject } from '../capabilities/host-side.ts';
import { SwerveError } from '../errors.ts';

/** What a component's `instantiate` resolves to: its exports, keyed as jco names them. */
export type ComponentExports = Record<string, unknown>;

/** The `instantiate` function a glue module exports. */
export type InstantiateComponent = (
  getCoreModule: (name: string) => WebAssembly.Module,
  imports: ImportObject,
  instantiateCore: (module: WebAssembly.Module, imports?: WebAssembly.Imports) => WebAssembly.Instance,
) => ComponentExports | Promise<ComponentExports>;

const EXPORT_INSTANTIATE = /^export function instantiate\(/m;
const EXPORT_UTIL = /^export const _util\b/m;
const MODULE_SYNTAX_LEFT = /^\s*(?:export|import)\s|import\.meta/m;

/** Turns glue source into its `instantiate` function. `label` names the component in errors. */
export function evaluateGlue(source: string, label: string): InstantiateComponent {
  if (!EXPORT_INSTANTIATE.test(source)) {
    throw new SwerveError(
      'component-invalid',
      `Could not load the glue for ${label}: it does not export instantiate(). ` +
        'Transpile the component with jco using --instantiation async.',
    );
  }
  const body = source
    .replace(EXPORT_INSTANTIATE, 'function instantiate(')
    .replace(EXPORT_UTIL, 'const _util')
    .replaceAll('import.meta.url', 'undefined');
  const leftover = MODULE_SYNTAX_LEFT.exec(body);
  if (leftover) {
    throw new SwerveError(
      'component-invalid',
      `Could not load the glue for ${label}: it uses module syntax the host cannot evaluate ` +
        `("${leftover[0].trim()}"). It was probably made by a jco version this host does not know.`,
    );
  }
  try {
    return new Function(`${body}\nreturn instantiate;`)() as InstantiateComponent;
  } catch (error) {
    throw new SwerveError('component-invalid', `Could not evaluate the glue for ${label}: ${String(error)}`, {
      cause: error,
    });
  }
}

export { glueExportsWasiP3Handler, glueExportsWasiP3ReleaseCandidate } from './glue-exports.ts';
