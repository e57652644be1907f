/** @module Interface spin:variables/variables@3.0.0 **/
/**
 * The value of the component's variable `name`, as the manifest defines it.
 */
export function get(name: string): Promise<string>;
/**
 * What can go wrong.
 */
export type Error = ErrorInvalidName | ErrorUndefined | ErrorProvider | ErrorOther;
/**
 * `name` is not a valid variable name.
 */
export interface ErrorInvalidName {
  tag: 'invalid-name';
  val: string;
}
/**
 * The component has no variable `name`.
 */
export interface ErrorUndefined {
  tag: 'undefined';
  val: string;
}
/**
 * A variables provider failed.
 */
export interface ErrorProvider {
  tag: 'provider';
  val: string;
}
/**
 * Anything else.
 */
export interface ErrorOther {
  tag: 'other';
  val: string;
}
