/**
 * Where a WASI 0.3 component's WASI 0.2 imports are looked up. jco's glue asks for an
 * interface by its name without the version (`imports['wasi:cli/environment']`), so a
 * component importing an interface from both releases (a Rust spin-sdk 6 component: Rust's std
 * on wasm32-wasip2 imports WASI 0.2, the SDK WASI 0.3) would be handed one object for two
 * different interfaces; `wasi:http/types` is one such clash (each release has its own `Fields`).
 * Transpiling a WASI 0.3 component with a `map` that renames its `wasi:*@0.2.x` imports to
 * `wasi:*@0.2` gives each release its own key; a WASI 0.2 component keeps the names it has
 * always had.
 */
import type { ImportObject } from '../capabilities/host-side.ts';

/** What a WASI 0.3 component's WASI 0.2 import keys end with: `wasi:cli/environment@0.2`. */
export const WASI_P2_KEY_SUFFIX = '@0.2';

const WASI_P2_IMPORT = /^wasi:[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*@(0\.2\.\d+)$/;

/**
 * jco's `map` option for a WASI 0.3 component with `imports`: one entry per WASI 0.2 patch
 * release it imports (`wasi:*@0.2.10` → `wasi:*@0.2`), since jco's patterns match a version
 * exactly.
 */
export function wasiP2ImportMap(imports: readonly string[]): [string, string][] {
  const versions = new Set<string>();
  for (const name of imports) {
    const version = WASI_P2_IMPORT.exec(name)?.[1];
    if (version) versions.add(version);
  }
  return [...versions].sort().map((version) => [`wasi:*@${version}`, `wasi:*${WASI_P2_KEY_SUFFIX}`]);
}

/** WASI 0.2 imports keyed as a WASI 0.3 component's glue asks for them. */
export function keyedForWasiP3(imports: ImportObject): ImportObject {
  return Object.fromEntries(
    Object.entries(imports).map(([name, value]) => [`${name}${WASI_P2_KEY_SUFFIX}`, value]),
  );
}
