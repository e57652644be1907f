/** @module Interface fermyon:spin/variables@2.0.0 **/
/**
 * The value of the component variable `name`.
 */
export function get(name: string): string;
export type Error = ErrorInvalidName | ErrorUndefined | ErrorProvider | ErrorOther;
export interface ErrorInvalidName {
  tag: 'invalid-name';
  val: string;
}
export interface ErrorUndefined {
  tag: 'undefined';
  val: string;
}
export interface ErrorProvider {
  tag: 'provider';
  val: string;
}
export interface ErrorOther {
  tag: 'other';
  val: string;
}
