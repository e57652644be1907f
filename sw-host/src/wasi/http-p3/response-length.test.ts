/**
 * A WASI 0.3 response held to its declared content-length, as wasmtime holds it: a body longer
 * or shorter fails for the page (the guest is not told: preview3-shim's transmit future for a
 * response is always ok).
 */
import { describe, expect, it } from 'vitest';
import { toFetchResponse } from './outgoing-response.ts';
import { p3Types } from './types.ts';

const OK = { tag: 'ok', val: undefined } as const;

/** A response as a guest returns one: its body as the glue's stream end would give it. */
function guestResponse(body: string, contentLength?: string) {
  const headers = p3Types.Fields.fromList(
    contentLength === undefined ? [] : [['content-length', new TextEncoder().encode(contentLength)]],
  );
  const bytes = Array.from(new TextEncoder().encode(body));
  const contents = {
    read: async () => (bytes.length ? { value: bytes.splice(0), done: false } : { done: true }),
  };
  const [response, transmitted] = p3Types.Response.new(
    headers,
    contents as unknown as Parameters<typeof p3Types.Response.new>[1],
    Promise.resolve(OK) as never,
  );
  return { response, transmitted: transmitted as Promise<unknown> };
}

describe('a WASI 0.3 response and its content-length', () => {
  it('goes out whole when the body is as long as declared', async () => {
    const { response, transmitted } = guestResponse('hello', '5');
    const served = toFetchResponse(response, 'GET');
    expect(await served.response.text()).toBe('hello');
    expect(await transmitted).toEqual(OK);
  });

  for (const [declared, why] of [
    ['3', 'longer'],
    ['10', 'shorter'],
  ] as const) {
    it(`fails when the body is ${why} than declared, with HTTP-response-body-size`, async () => {
      const { response } = guestResponse('hello', declared);
      const served = toFetchResponse(response, 'GET');
      served.finished.catch(() => undefined);
      await expect(served.response.text()).rejects.toThrow(`content-length says ${declared}`);
      await expect(served.finished).rejects.toThrow(/The response body is 5 bytes/);
    });
  }
});
