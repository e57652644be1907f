/**
 * The tiny module through which an instrumented module reaches the host. A JS function cannot
 * be put in a `funcref` table; a function a module exports can, even when the module only
 * re-exports what it imported. So the host instantiates this module with its check as the
 * import `swerve.expired`, and puts the export `expired` in slot 0 of the instrumented
 * instance's `swerve:deadline` table (see instrument-module.ts).
 *
 *     (module
 *       (import "swerve" "expired" (func (result i32)))
 *       (export "expired" (func 0)))
 */
import { concatBytes, encodeName, encodeU32 } from './wasm-bytes.ts';

export const HOOK_IMPORT_MODULE = 'swerve';
export const HOOK_IMPORT_NAME = 'expired';
export const HOOK_EXPORT_NAME = 'expired';

function section(id: number, contents: number[]): number[] {
  return [id, ...encodeU32(contents.length), ...contents];
}

/** The hook module's bytes. */
export function hookModuleBytes(): Uint8Array {
  return concatBytes([
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, [0x01, 0x60, 0x00, 0x01, 0x7f]), // one type: () -> i32
    section(2, [0x01, ...encodeName(HOOK_IMPORT_MODULE), ...encodeName(HOOK_IMPORT_NAME), 0x00, 0x00]),
    section(7, [0x01, ...encodeName(HOOK_EXPORT_NAME), 0x00, 0x00]),
  ]);
}
