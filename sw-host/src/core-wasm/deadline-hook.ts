/**
 * Connects an instrumented core instance to a deadline: the instance calls the function in slot
 * 0 of its deadline table (core-wasm/deadline/), which is a small Wasm hook made once per
 * deadline around its `check`, so the check is a plain Wasm-to-JS call. Shared by the deadline of
 * a fresh instance (guest-deadline.ts) and that of a reused WASI 0.3 one (runtime/deadline-p3.ts).
 */
import {
  DEADLINE_TABLE_EXPORT,
  HOOK_EXPORT_NAME,
  HOOK_IMPORT_MODULE,
  HOOK_IMPORT_NAME,
  hookModuleBytes,
} from './deadline/index.ts';

let hookModule: WebAssembly.Module | undefined;

/** The hook that calls `check`; make it once per deadline and attach it to each core instance. */
export function deadlineHook(check: () => number): WebAssembly.ExportValue {
  hookModule ??= new WebAssembly.Module(hookModuleBytes() as Uint8Array<ArrayBuffer>);
  const hook = new WebAssembly.Instance(hookModule, { [HOOK_IMPORT_MODULE]: { [HOOK_IMPORT_NAME]: check } });
  return hook.exports[HOOK_EXPORT_NAME]!;
}

/** Puts `hook` in `instance`'s deadline table, before any of its exports runs. */
export function attachDeadlineHook(instance: WebAssembly.Instance, hook: WebAssembly.ExportValue): void {
  const table = instance.exports[DEADLINE_TABLE_EXPORT];
  if (!(table instanceof WebAssembly.Table)) {
    throw new Error(
      `A core instance has no ${DEADLINE_TABLE_EXPORT} table: its module was not instrumented.`,
    );
  }
  table.set(0, hook);
}
