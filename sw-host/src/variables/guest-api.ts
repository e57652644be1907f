/**
 * What `fermyon:spin/variables@2.0.0` and `wasi:config/store` answer a guest, as plain functions
 * over a component's resolved variables; the service worker adapts them to the generated
 * bindings. The error choices and texts follow Spin's host (`crates/factor-variables/src/host.rs`).
 */
import type { ComponentVariables } from './resolve.ts';
import { quote, variableNameProblem } from './variable-name.ts';

/** A WIT `result<T, E>` as a tagged value. */
export type WitResult<T, E> =
  { readonly tag: 'ok'; readonly val: T } | { readonly tag: 'err'; readonly val: E };

/** `fermyon:spin/variables@2.0.0` `variant error`. */
export type SpinVariablesError =
  | { readonly tag: 'invalid-name'; readonly val: string }
  | { readonly tag: 'undefined'; readonly val: string }
  | { readonly tag: 'provider'; readonly val: string }
  | { readonly tag: 'other'; readonly val: string };

/** `wasi:config/store` `variant error`. */
export type WasiConfigError =
  { readonly tag: 'upstream'; readonly val: string } | { readonly tag: 'io'; readonly val: string };

/**
 * `fermyon:spin/variables.get(name)`: the component variable's value; `invalid-name` with
 * Spin's reason when the name is malformed; `undefined` when the component has no such variable.
 * (`provider` and `other` cannot happen here: values are resolved at deploy.)
 */
export function spinVariablesGet(
  variables: ComponentVariables,
  name: string,
): WitResult<string, SpinVariablesError> {
  const problem = variableNameProblem(name);
  if (problem !== undefined) return { tag: 'err', val: { tag: 'invalid-name', val: problem } };
  const value = variables.values.get(name);
  if (value === undefined) {
    return {
      tag: 'err',
      val: { tag: 'undefined', val: `no variable for ${quote(variables.componentId)}.${quote(name)}` },
    };
  }
  return { tag: 'ok', val: value };
}

/**
 * `wasi:config/store.get(key)`: `ok(some(value))`, or `ok(none)` for an undefined or malformed
 * key, as the wasi-runtime-config guidance Spin follows asks
 * (https://github.com/WebAssembly/wasi-runtime-config/pull/19).
 */
export function wasiConfigGet(
  variables: ComponentVariables,
  key: string,
): WitResult<string | undefined, WasiConfigError> {
  const result = spinVariablesGet(variables, key);
  if (result.tag === 'ok') return result;
  switch (result.val.tag) {
    case 'invalid-name':
    case 'undefined':
      return { tag: 'ok', val: undefined };
    case 'provider':
      return { tag: 'err', val: { tag: 'upstream', val: result.val.val } };
    case 'other':
      return { tag: 'err', val: { tag: 'io', val: result.val.val } };
  }
}

/** `wasi:config/store.get-all()`: every variable of the component, in manifest order. */
export function wasiConfigGetAll(
  variables: ComponentVariables,
): WitResult<Array<[string, string]>, WasiConfigError> {
  return { tag: 'ok', val: [...variables.values] };
}
