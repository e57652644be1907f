/**
 * `spin:variables/variables@3.0.0`, Spin 4's variables interface for WASI 0.3 components:
 * 2.0's `get` (variables.ts) as an `async func`, with the same answers and errors. jco's
 * glue awaits the promise and lowers its `{ tag: 'ok' | 'err' }` result when the guest's
 * subtask returns. Values are resolved at deploy, so nothing here holds a request: one WASI 0.3
 * instance serves many.
 */
import type * as SpinVariablesP3 from '../capabilities/wit-types/http-wasi-p3/interfaces/spin-variables-variables.js';
import type { HostSide } from '../capabilities/host-side.ts';
import { spinVariablesGet, type ComponentVariables } from '../variables/index.ts';

export function createSpinVariablesP3(variables: ComponentVariables) {
  return {
    get: async (name: string) => spinVariablesGet(variables, name),
  } satisfies HostSide<typeof SpinVariablesP3>;
}
