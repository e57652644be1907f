/**
 * `fermyon:spin/variables@2.0.0` and `wasi:config/store` for one component instance, keyed as
 * jco's glue looks them up. The answers come from ../variables/guest-api.ts; jco accepts its
 * `{ tag: 'ok' | 'err' }` results as they are.
 */
import {
  spinVariablesGet,
  wasiConfigGet,
  wasiConfigGetAll,
  type ComponentVariables,
} from '../variables/index.ts';

export function createVariablesImports(variables: ComponentVariables): Record<string, unknown> {
  return {
    'fermyon:spin/variables': { get: (name: string) => spinVariablesGet(variables, name) },
    'wasi:config/store': {
      get: (key: string) => wasiConfigGet(variables, key),
      getAll: () => wasiConfigGetAll(variables),
    },
  };
}
