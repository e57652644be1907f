/**
 * `wasi:config/store@0.2.0-draft-2024-09-27` for one component instance: Spin answers it from
 * the component's variables (../variables/guest-api.ts).
 */
import type * as WasiConfigStore from '../capabilities/wit-types/http-wasi-p2/interfaces/wasi-config-store.js';
import type { HostSide } from '../capabilities/host-side.ts';
import { wasiConfigGet, wasiConfigGetAll, type ComponentVariables } from '../variables/index.ts';

export function createWasiConfig(variables: ComponentVariables) {
  return {
    get: (key: string) => wasiConfigGet(variables, key),
    getAll: () => wasiConfigGetAll(variables),
  } satisfies HostSide<typeof WasiConfigStore>;
}
