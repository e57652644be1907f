import { describe, expect, it } from 'vitest';
import { encodeRequest } from './request-options.ts';
import type { AppFetchOptions } from './types.ts';

const ORIGIN = 'http://k1.kit.localhost:4214';
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('encodeRequest', () => {
  it('sends a GET with no body to the path at the app origin by default', async () => {
    expect(await encodeRequest(ORIGIN, '/a?x=1')).toEqual({
      url: `${ORIGIN}/a?x=1`,
      method: 'GET',
      headers: {},
    });
  });

  it('adds params to the query the path already has, from an object, a string or URLSearchParams', async () => {
    const fromObject = await encodeRequest(ORIGIN, '/s?x=1', { params: { q: 'a b', page: 2, all: true } });
    expect(fromObject.url).toBe(`${ORIGIN}/s?x=1&q=a+b&page=2&all=true`);
    expect((await encodeRequest(ORIGIN, '/s', { params: '?q=1&q=2' })).url).toBe(`${ORIGIN}/s?q=1&q=2`);
    const search = new URLSearchParams([['tag', 'x&y']]);
    expect((await encodeRequest(ORIGIN, '/s', { params: search })).url).toBe(`${ORIGIN}/s?tag=x%26y`);
  });

  it('sends an object as JSON, with content-type application/json unless one is given', async () => {
    const json = await encodeRequest(ORIGIN, '/items', { method: 'post', data: { name: 'spin', n: [1, 2] } });
    expect(json.method).toBe('POST');
    expect(json.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(text(json.body))).toEqual({ name: 'spin', n: [1, 2] });

    const typed = await encodeRequest(ORIGIN, '/items', {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.api+json' },
      data: { a: 1 },
    });
    expect(typed.headers).toEqual({ 'Content-Type': 'application/vnd.api+json' });
  });

  it('sends strings as UTF-8 and bytes as they are, as application/octet-stream unless typed', async () => {
    const fromString = await encodeRequest(ORIGIN, '/t', { method: 'PUT', data: 'héllo' });
    expect(text(fromString.body)).toBe('héllo');
    expect(fromString.headers['content-type']).toBe('application/octet-stream');

    const fromBytes = await encodeRequest(ORIGIN, '/t', {
      method: 'PUT',
      headers: { 'content-type': 'text/plain' },
      data: Buffer.from([0, 255, 7]),
    });
    expect([...fromBytes.body!]).toEqual([0, 255, 7]);
    expect(fromBytes.headers).toEqual({ 'content-type': 'text/plain' });
  });

  it('sends JSON scalars as JSON', async () => {
    const encoded = await encodeRequest(ORIGIN, '/n', { method: 'POST', data: 42 });
    expect(text(encoded.body)).toBe('42');
    expect(encoded.headers['content-type']).toBe('application/json');
  });

  it('url-encodes form, from an object or a FormData', async () => {
    const encoded = await encodeRequest(ORIGIN, '/f', {
      method: 'POST',
      form: { user: 'a b', admin: false, n: 3 },
    });
    expect(encoded.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(text(encoded.body)).toBe('user=a+b&admin=false&n=3');

    const fields = new FormData();
    fields.append('tag', 'x');
    fields.append('tag', 'y&z');
    expect(text((await encodeRequest(ORIGIN, '/f', { method: 'POST', form: fields })).body)).toBe(
      'tag=x&tag=y%26z',
    );
  });

  it('refuses a file in form, pointing at multipart', async () => {
    const fields = new FormData();
    fields.append('f', new Blob(['x']), 'x.txt');
    await expect(encodeRequest(ORIGIN, '/f', { method: 'POST', form: fields })).rejects.toThrow(
      /form field 'f' is a file: send files with multipart/,
    );
  });

  it('encodes multipart/form-data with fields and files { name, mimeType, buffer }', async () => {
    const encoded = await encodeRequest(ORIGIN, '/upload', {
      method: 'POST',
      multipart: {
        title: 'notes',
        count: 2,
        file: { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('line one\n') },
      },
    });
    const contentType = encoded.headers['content-type']!;
    expect(contentType).toMatch(/^multipart\/form-data; boundary=.+/);
    expect(text(encoded.body)).toContain('filename="notes.txt"');

    // Read back as a server would.
    const parsed = await new Request(ORIGIN, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(encoded.body!),
    }).formData();
    expect(parsed.get('title')).toBe('notes');
    expect(parsed.get('count')).toBe('2');
    const file = parsed.get('file') as File;
    expect(file.name).toBe('notes.txt');
    expect(file.type).toBe('text/plain');
    expect(await file.text()).toBe('line one\n');
  });

  it('refuses a multipart value that is neither a field nor a file', async () => {
    await expect(
      encodeRequest(ORIGIN, '/upload', { method: 'POST', multipart: { file: { name: 'x' } as never } }),
    ).rejects.toThrow(
      /multipart field 'file' must be a string, number, boolean or a file \{ name, mimeType, buffer \}/,
    );
  });

  it('refuses more than one body', async () => {
    await expect(encodeRequest(ORIGIN, '/x', { method: 'POST', data: 'a', form: { b: 1 } })).rejects.toThrow(
      /data and form were both given: send only one of data, form and multipart/,
    );
  });

  it('refuses a body on GET or HEAD, saying which method to use', async () => {
    await expect(encodeRequest(ORIGIN, '/x', { data: { a: 1 } })).rejects.toThrow(
      /data needs a method that takes a body \(say method: 'POST'\): a browser sends no body with GET/,
    );
    await expect(encodeRequest(ORIGIN, '/x', { method: 'head', form: { a: 1 } })).rejects.toThrow(
      /no body with HEAD/,
    );
  });

  it('names the old body option and any option it does not take', async () => {
    const old = { method: 'POST', body: 'hi' } as unknown as AppFetchOptions;
    await expect(encodeRequest(ORIGIN, '/x', old)).rejects.toThrow(
      /body is not an option: send a body with data/,
    );
    const unknown = { maxRedirects: 0 } as unknown as AppFetchOptions;
    await expect(encodeRequest(ORIGIN, '/x', unknown)).rejects.toThrow(
      /option 'maxRedirects' is not one app\.fetch takes; it takes method, headers, params, data, form, multipart/,
    );
  });
});
