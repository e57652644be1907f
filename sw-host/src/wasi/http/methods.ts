/** `wasi:http/types.method` and `scheme` as jco's glue lowers them, and back. */

export type Method = { readonly tag: string; readonly val?: string };
export type Scheme = { readonly tag: 'HTTP' | 'HTTPS' } | { readonly tag: 'other'; readonly val: string };

const METHODS = new Set(['get', 'head', 'post', 'put', 'delete', 'connect', 'options', 'trace', 'patch']);

/** `GET` → `{ tag: 'get' }`; a method WASI does not name → `{ tag: 'other', val }`. */
export function toMethod(name: string): Method {
  const lower = name.toLowerCase();
  return METHODS.has(lower) && name === name.toUpperCase() ? { tag: lower } : { tag: 'other', val: name };
}

export function methodName(method: Method): string {
  return method.tag === 'other' ? (method.val ?? '') : method.tag.toUpperCase();
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
