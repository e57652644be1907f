/** `wasi:http/types.method` and `scheme` as jco's glue lowers them, and back. */
import type * as HttpTypes from '../../capabilities/wit-types/http-wasi-p2/interfaces/wasi-http-types.js';

export type Method = HttpTypes.Method;
export type Scheme = HttpTypes.Scheme;

type NamedMethod = Exclude<Method, { tag: 'other' }>['tag'];

const METHODS = new Set<string>([
  'get',
  'head',
  'post',
  'put',
  'delete',
  'connect',
  'options',
  'trace',
  'patch',
]);

/** `GET` → `{ tag: 'get' }`; a method WASI does not name → `{ tag: 'other', val }`. */
export function toMethod(name: string): Method {
  const lower = name.toLowerCase();
  return METHODS.has(lower) && name === name.toUpperCase()
    ? { tag: lower as NamedMethod }
    : { tag: 'other', val: name };
}

export function methodName(method: Method): string {
  return method.tag === 'other' ? method.val : method.tag.toUpperCase();
}

/** `http:` → `{ tag: 'HTTP' }`. */
export function toScheme(protocol: string): Scheme {
  const name = protocol.replace(/:$/, '').toLowerCase();
  if (name === 'http') return { tag: 'HTTP' };
  if (name === 'https') return { tag: 'HTTPS' };
  return { tag: 'other', val: name };
}

export function schemeName(scheme: Scheme): string {
  return scheme.tag === 'other' ? scheme.val.toLowerCase() : scheme.tag.toLowerCase();
}
