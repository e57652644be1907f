/** What a glue's source says of its component's exports, read as text (no WebAssembly needed). */
import { WASI_P3_RELEASE_CANDIDATE } from '../capabilities/wasi-versions.ts';

/**
 * jco keys the object `instantiate` resolves to by each export's interface name, quoted, so a
 * WASI 0.3 handler's glue ends with `return { handler: …, 'wasi:http/handler@0.3.0': … }`.
 */
const WASI_P3_HANDLER_EXPORT = /'wasi:http\/handler@0\.3\.\d+(?:-[a-z0-9.-]+)?':/;

/**
 * Whether the glue's component exports WASI 0.3's `wasi:http/handler`: such a component is
 * served by reused instances (runtime/instances-p3.ts), known before the first one is made.
 */
export function glueExportsWasiP3Handler(source: string): boolean {
  return WASI_P3_HANDLER_EXPORT.test(source);
}

/** The release candidate's handler export, quoted as jco names it (component/wasi-p3-releases.ts). */
const WASI_P3_RC_HANDLER_EXPORT = `'wasi:http/handler@${WASI_P3_RELEASE_CANDIDATE}':`;

/**
 * Whether the glue's component exports the handler of WASI 0.3's release candidate, which Spin
 * serves with a fresh instance per request (runtime/instances-p3.ts).
 */
export function glueExportsWasiP3ReleaseCandidate(source: string): boolean {
  return source.includes(WASI_P3_RC_HANDLER_EXPORT);
}
