/** @module Interface wasi:config/store@0.2.0-draft-2024-09-27 **/
export function get(key: string): string | undefined;
export function getAll(): Array<[string, string]>;
export type Error = ErrorUpstream | ErrorIo;
export interface ErrorUpstream {
  tag: 'upstream';
  val: string;
}
export interface ErrorIo {
  tag: 'io';
  val: string;
}
