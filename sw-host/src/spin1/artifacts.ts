/**
 * How a Spin 1 module is stored and served: in the shape of a transpiled component (glue and
 * core modules), so the artifact store, `swerve up`'s prepared files and the loader keep one
 * shape. The module itself is the one core module; a marker stands where the glue would.
 */

/** The file name a Spin 1 module is stored under among a component's core modules. */
export const SPIN1_MODULE_FILE = 'spin1.core.wasm';

/** Not code: a marker the loader recognises (component/loaded-component.ts), never evaluated. */
export const SPIN1_GLUE = '/* swerve: a Spin 1 HTTP module, run by sw-host/src/spin1/ (no glue) */\n';

export function isSpin1Glue(glue: string): boolean {
  return glue === SPIN1_GLUE;
}
