/**
 * `wasi:cli/environment@0.3` for a WASI 0.3 guest: the component's environment (its manifest's
 * `environment` with the deploy's on top, as runtime/instance/instance-imports-p3.ts gives it), no
 * arguments (an HTTP component has none, in Spin as here), and `/` as the initial directory,
 * which is what WASI 0.2 instances get (preview2-shim's default). preview3-shim's version reads
 * preview2-shim's one environment for the whole worker, so it cannot tell apps apart.
 */
import type * as Environment from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-cli-environment.js';
import type { HostSide } from '../../capabilities/host-side.ts';
export function createP3Environment(environment: Readonly<Record<string, string>>) {
  const entries = Object.entries(environment);
  return {
    getEnvironment: (): [string, string][] => entries.map(([name, value]) => [name, value]),
    getArguments: (): string[] => [],
    getInitialCwd: (): string | undefined => '/',
  } satisfies HostSide<typeof Environment>;
}
