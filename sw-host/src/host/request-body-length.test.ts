import { describe, expect, it } from 'vitest';
import { componentRequest } from './component-request.ts';
import { sizeRequestBody } from './request-body-length.ts';

const encoder = new TextEncoder();

/** A body that arrives in `chunks`, as an upload does. */
function upload(...chunks: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
  });
}

async function text(body: ReadableStream<Uint8Array> | null): Promise<string> {
  return body ? new Response(body).text() : '';
}

describe('the content-length a component is told', () => {
  it('is the length of a body that ends within the bound, with the same bytes handed on', async () => {
    const sized = await sizeRequestBody('POST', upload('hello ', 'wor', 'ld'));
    expect(sized.length).toBe(11);
    expect(await text(sized.body)).toBe('hello world');
  });

  it('is absent for a body past the bound, which streams on whole', async () => {
    const sized = await sizeRequestBody('POST', upload('0123', '4567', '89'), 5);
    expect(sized.length).toBeUndefined();
    expect(await text(sized.body)).toBe('0123456789');
  });

  it('is 0 for POST and PUT without a body and absent for other methods, as a browser sends', async () => {
    expect((await sizeRequestBody('POST', null)).length).toBe(0);
    expect((await sizeRequestBody('PUT', null)).length).toBe(0);
    expect((await sizeRequestBody('DELETE', null)).length).toBeUndefined();
    expect((await sizeRequestBody('POST', upload())).length).toBe(0);
  });

  it('hands on what arrived and then the failure when the upload breaks', async () => {
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new Error('client went away'));
        sent = true;
        controller.enqueue(encoder.encode('part'));
      },
    });
    const sized = await sizeRequestBody('POST', broken);
    expect(sized.length).toBeUndefined();
    const reader = sized.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('part');
    await expect(reader.read()).rejects.toThrow('client went away');
  });

  it('reaches the component as a header; one the request states is kept as it is', async () => {
    const request = (headers: HeadersInit, body: ReadableStream<Uint8Array> | null) =>
      componentRequest({
        url: new URL('https://app.test/items'),
        method: 'POST',
        headers: new Headers(headers),
        body,
        extraHeaders: [['host', 'app.test']],
      });
    const sized = await request({ 'content-type': 'application/json' }, upload('{"a":1}'));
    expect(Object.fromEntries(sized.headers)).toMatchObject({
      'content-type': 'application/json',
      'content-length': '7',
      host: 'app.test',
    });
    expect(await text(sized.body)).toBe('{"a":1}');
    const stated = await request({ 'content-length': '7' }, upload('{"a":1}'));
    expect(Object.fromEntries(stated.headers)['content-length']).toBe('7');
  });
});
