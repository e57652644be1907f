/**
 * `fermyon:spin/variables@2.0.0` for one component instance. The answers come from
 * ../variables/guest-api.ts; jco accepts its `{ tag: 'ok' | 'err' }` results as they are.
 */
import type * as SpinVariables from '../capabilities/wit-types/http-wasi-p2/interfaces/fermyon-spin-variables.js';
import type { HostSide } from '../capabilities/host-side.ts';
import { spinVariablesGet, type ComponentVariables } from '../variables/index.ts';

export function createSpinVariables(variables: ComponentVariables) {
  return {
    get: (name: string) => spinVariablesGet(variables, name),
  } satisfies HostSide<typeof SpinVariables>;
}
