/** What a glue's source says of its component's exports, read as text (no WebAssembly needed). */

/**
 * jco keys the object `instantiate` resolves to by each export's interface name, quoted, so a
 * WASI 0.3 handler's glue ends with `return { handler: …, 'wasi:http/handler@0.3.0': … }`.
 */
const WASI_P3_HANDLER_EXPORT = /'wasi:http\/handler@0\.3\.\d+(?:-[a-z0-9.-]+)?':/;

/**
 * Whether the glue's component exports WASI 0.3's `wasi:http/handler`: such a component is
 * served by reused instances (runtime/p3-instances.ts), known before the first one is made.
 */
export function glueExportsWasiP3Handler(source: string): boolean {
  return WASI_P3_HANDLER_EXPORT.test(source);
}
