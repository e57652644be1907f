import { describe, expect, it } from 'vitest';
import { encodeHeaderList, RELAY_HEADER, RELAY_PATH, RELAY_READY } from '../../protocol/relay.ts';
import type { OutboundRequest } from '../../wasi/http/index.ts';
import { OutboundRelay } from './outbound-relay.ts';

const ORIGIN = 'http://127.0.0.1:3000';

function request(method = 'GET'): OutboundRequest {
  return {
    method,
    url: 'https://api.example.com/v1',
    headers: new Headers({ 'x-guest': '1' }),
    body: null,
    signal: new AbortController().signal,
  };
}

describe('OutboundRelay', () => {
  it('is available only where the server says it relays, asked once', async () => {
    let asked = 0;
    const relaying = new OutboundRelay(ORIGIN, async () => {
      asked++;
      return new Response(RELAY_READY);
    });
    expect(await relaying.available()).toBe(true);
    expect(await relaying.available()).toBe(true);
    expect(asked).toBe(1);
    // A static host answers its index page, or a 404, at any path.
    const site = new OutboundRelay(ORIGIN, async () => new Response('<!doctype html>'));
    expect(await site.available()).toBe(false);
  });

  it('sends the request in headers and rebuilds the response from the relayed status and headers', async () => {
    const sent: { url: string; init: RequestInit | undefined }[] = [];
    const relay = new OutboundRelay(ORIGIN, async (input, init) => {
      sent.push({ url: String(input), init });
      return new Response('moved', {
        headers: {
          [RELAY_HEADER.status]: '302',
          [RELAY_HEADER.headers]: encodeHeaderList([
            ['location', '/elsewhere'],
            ['set-cookie', 'a=1'],
          ]),
        },
      });
    });
    const response = await relay.send(new URL('https://api.example.com/v1'), request(), 'web');
    expect(sent[0]?.url).toBe(`${ORIGIN}${RELAY_PATH}`);
    const headers = new Headers(sent[0]?.init?.headers);
    expect(headers.get(RELAY_HEADER.url)).toBe('https://api.example.com/v1');
    expect(headers.get(RELAY_HEADER.component)).toBe('web');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
    expect(await response.text()).toBe('moved');
  });

  it('turns a relayed failure into its error code', async () => {
    const relay = new OutboundRelay(
      ORIGIN,
      async () =>
        new Response('Could not reach it', { status: 502, headers: { [RELAY_HEADER.error]: 'DNS-error' } }),
    );
    await expect(relay.send(new URL('https://nowhere.invalid/'), request(), 'web')).rejects.toMatchObject({
      code: { tag: 'DNS-error', val: {} },
    });
  });
});
