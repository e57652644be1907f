/**
 * `spin:variables/variables@3.0.0`, Spin 4's variables interface for WASI 0.3 components:
 * 2.0's `get` (variables-host.ts) as an `async func`, with the same answers and errors. jco's
 * glue awaits the promise and lowers its `{ tag: 'ok' | 'err' }` result when the guest's
 * subtask returns. Values are resolved at deploy, so nothing here holds a request: one WASI 0.3
 * instance serves many.
 */
import { spinVariablesGet, type ComponentVariables } from '../variables/index.ts';

export function createVariablesP3Imports(variables: ComponentVariables) {
  return {
    'spin:variables/variables': {
      get: async (name: string) => spinVariablesGet(variables, name),
    },
  };
}
