/**
 * The WASI 0.3 releases the host serves: the final `0.3.x` (Spin 4.1's default) and the release
 * candidate `0.3.0-rc-2026-03-15` that Spin 4.0's SDKs build for (Spin's main branch runs both).
 *
 * The release candidate's interfaces declare exactly the types and functions of 0.3.0's
 * (`wasi:http`, `cli`, `clocks`, `random`, `filesystem`, `sockets`: compared type for type,
 * docs/decisions/0018-wasi-0-3.md), so one host side serves both: jco keys an import by its name
 * without the version (`imports['wasi:http/types']`), and the glue's export is found by its
 * `wasi:http/handler@0.3` prefix. What differs is how Spin hosts them: Spin's main branch gives
 * a release-candidate component a fresh instance per request (runtime/instances-p3.ts).
 */

import { SERVED_WASI_P3_VERSION } from '../capabilities/wasi-versions.ts';

/** `wasi:<package>/<interface>@<version>` of a WASI 0.3 name, final or prerelease. */
const WASI_P3_NAME = /^(wasi:[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*)@(0\.3\.\d+(?:-[a-z0-9.-]+)?)$/;

/** Whether `version` (of a `wasi:http/handler@0.3…` export) is one the host serves. */
export function isServedWasiP3Version(version: string): boolean {
  return new RegExp(`^${SERVED_WASI_P3_VERSION}$`).test(version);
}

/**
 * The WASI interfaces that `names` (a component's imports and exports) name at two WASI 0.3
 * versions, e.g. `wasi:http/types` at both 0.3.0 and the release candidate, each with its
 * versions. jco would hand both one host object (it keys imports without the version), so the
 * host cannot serve such a component.
 */
export function interfacesAtTwoWasiP3Versions(names: readonly string[]): Map<string, string[]> {
  const versions = new Map<string, Set<string>>();
  for (const name of names) {
    const match = WASI_P3_NAME.exec(name);
    if (!match) continue;
    const [, iface, version] = match as unknown as [string, string, string];
    versions.set(iface, (versions.get(iface) ?? new Set()).add(version));
  }
  return new Map(
    [...versions]
      .filter(([, seen]) => seen.size > 1)
      .map(([iface, seen]) => [iface, [...seen].sort()] as [string, string[]]),
  );
}
