/**
 * Turns `app.fetch(path, options)` into the one request the host receives, encoding `data`,
 * `form`, `multipart` and `params` the way Playwright's `APIRequestContext.fetch` does, so a
 * test written against `request` reads the same against `app`.
 */
import type { AppFetchOptions, AppMultipartFile } from './types.ts';

/** The request as the driver page sends it on: an absolute URL and the body's bytes. */
export interface EncodedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** The options `app.fetch` knows; anything else is refused by name rather than ignored. */
const KNOWN_OPTIONS = new Set<string>([
  'method',
  'headers',
  'params',
  'data',
  'form',
  'multipart',
  'timeout',
  'failOnStatusCode',
]);

/** Methods a browser refuses to send a body with. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD']);

function fail(what: string, path: string, message: string): never {
  throw new Error(`[swerve] app.fetch('${path}'): ${what} ${message}`);
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

function isFile(value: unknown): value is AppMultipartFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Partial<AppMultipartFile>;
  return typeof file.name === 'string' && typeof file.mimeType === 'string' && isBytes(file.buffer);
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** A copy of `bytes` that owns its own ArrayBuffer, as Blob and BodyInit want. */
function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

function queryOf(path: string, params: NonNullable<AppFetchOptions['params']>): URLSearchParams {
  if (typeof params === 'string') return new URLSearchParams(params);
  if (params instanceof URLSearchParams) return params;
  if (typeof params !== 'object' || params === null) {
    fail('params', path, 'must be an object, a URLSearchParams or a query string.');
  }
  return new URLSearchParams(
    Object.entries(params).map(([name, value]): [string, string] => [name, String(value)]),
  );
}

function multipartOf(path: string, multipart: NonNullable<AppFetchOptions['multipart']>): FormData {
  if (multipart instanceof FormData) return multipart;
  const form = new FormData();
  for (const [name, value] of Object.entries(multipart)) {
    if (isFile(value)) {
      form.append(name, new Blob([ownBytes(value.buffer)], { type: value.mimeType }), value.name);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      form.append(name, String(value));
    } else {
      fail(
        `multipart field '${name}'`,
        path,
        'must be a string, number, boolean or a file { name, mimeType, buffer } (buffer: a Buffer or Uint8Array).',
      );
    }
  }
  return form;
}

/** The body and the content type it implies, per Playwright's rules for `data`, `form`, `multipart`. */
async function bodyOf(
  path: string,
  options: AppFetchOptions,
): Promise<{ bytes: Uint8Array; contentType: string } | undefined> {
  if (options.data !== undefined) {
    const { data } = options;
    if (typeof data === 'string')
      return { bytes: new TextEncoder().encode(data), contentType: 'application/octet-stream' };
    if (isBytes(data)) return { bytes: ownBytes(data), contentType: 'application/octet-stream' };
    return { bytes: new TextEncoder().encode(JSON.stringify(data)), contentType: 'application/json' };
  }
  if (options.form !== undefined) {
    const fields =
      options.form instanceof FormData
        ? [...options.form].map(([name, value]): [string, string] => {
            if (typeof value !== 'string')
              fail(`form field '${name}'`, path, 'is a file: send files with multipart.');
            return [name, value];
          })
        : Object.entries(options.form).map(([name, value]): [string, string] => [name, String(value)]);
    return {
      bytes: new TextEncoder().encode(new URLSearchParams(fields).toString()),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  if (options.multipart !== undefined) {
    // The platform's own encoder writes the parts and picks the boundary the content type names.
    const encoded = new Request('http://multipart.invalid/', {
      method: 'POST',
      body: multipartOf(path, options.multipart),
    });
    return {
      bytes: new Uint8Array(await encoded.arrayBuffer()),
      contentType: encoded.headers.get('content-type')!,
    };
  }
  return undefined;
}

export async function encodeRequest(
  origin: string,
  path: string,
  options: AppFetchOptions = {},
): Promise<EncodedRequest> {
  if (typeof options !== 'object' || options === null) fail('options', path, 'must be an object.');
  for (const name of Object.keys(options)) {
    if (name === 'body')
      fail(
        'body',
        path,
        "is not an option: send a body with data (or form, multipart), as Playwright's request.fetch takes it.",
      );
    if (!KNOWN_OPTIONS.has(name)) {
      fail(
        `option '${name}'`,
        path,
        `is not one app.fetch takes; it takes ${[...KNOWN_OPTIONS].join(', ')}.`,
      );
    }
  }
  const bodies = (['data', 'form', 'multipart'] as const).filter((name) => options[name] !== undefined);
  if (bodies.length > 1)
    fail(bodies.join(' and '), path, 'were both given: send only one of data, form and multipart.');

  const url = new URL(path, origin);
  if (options.params !== undefined) {
    for (const [name, value] of queryOf(path, options.params)) url.searchParams.append(name, value);
  }
  const method = (options.method ?? 'GET').toUpperCase();
  const headers = { ...options.headers };
  const body = await bodyOf(path, options);
  if (body === undefined) return { url: url.href, method, headers };
  if (BODYLESS_METHODS.has(method)) {
    fail(
      bodies[0]!,
      path,
      `needs a method that takes a body (say method: 'POST'): a browser sends no body with ${method}.`,
    );
  }
  if (!hasHeader(headers, 'content-type')) headers['content-type'] = body.contentType;
  return { url: url.href, method, headers, body: body.bytes };
}
