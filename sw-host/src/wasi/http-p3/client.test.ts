import { describe, expect, it } from 'vitest';
import { OutboundError } from '../http/error-code.ts';
import type { OutboundDispatcher, OutboundRequest } from '../http/outbound-dispatcher.ts';
import { createP3Client } from './client.ts';
import { p3Types, type P3Request } from './types.ts';

const OK = { tag: 'ok', val: undefined } as const;

/** A request as a guest builds one (the body, when given, as the glue's stream end would give it). */
function guestRequest(init: {
  method?: string;
  authority?: string;
  path?: string;
  headers?: [string, string][];
  body?: string;
}): { request: P3Request; transmitted: Promise<unknown> } {
  const headers = p3Types.Fields.fromList(
    (init.headers ?? []).map(([name, value]) => [name, new TextEncoder().encode(value)]),
  );
  const bytes = init.body === undefined ? undefined : Array.from(new TextEncoder().encode(init.body));
  const contents = bytes && {
    read: async () => (bytes.length ? { value: bytes.splice(0), done: false } : { done: true }),
  };
  const [request, transmitted] = p3Types.Request.new(
    headers,
    contents as unknown as Parameters<typeof p3Types.Request.new>[1],
    Promise.resolve(OK),
    undefined,
  );
  if (init.method) request.setMethod({ tag: init.method } as ReturnType<P3Request['getMethod']>);
  if (init.authority !== undefined) {
    request.setScheme({ tag: 'HTTP' } as ReturnType<P3Request['getScheme']>);
    request.setAuthority(init.authority);
  }
  request.setPathWithQuery(init.path ?? '/');
  return { request, transmitted: transmitted as Promise<unknown> };
}

function recording(answer: (request: OutboundRequest) => Promise<Response>) {
  const sent: OutboundRequest[] = [];
  const dispatcher: OutboundDispatcher = {
    send: (request) => (sent.push(request), answer(request)),
  };
  return { sent, send: createP3Client(() => dispatcher).send };
}

async function bodyText(response: InstanceType<typeof p3Types.Response>): Promise<string> {
  const [contents] = p3Types.Response.consumeBody(response, Promise.resolve(OK) as never);
  return new Response(contents as unknown as ReadableStream<Uint8Array>).text();
}

describe('wasi:http/client@0.3 send', () => {
  it('hands the guest’s request to the dispatcher as WASI 0.2’s outgoing handler does, and its answer back', async () => {
    const { sent, send } = recording(
      async () => new Response('hello', { status: 201, headers: { 'x-peer': 'yes' } }),
    );
    const { request, transmitted } = guestRequest({
      method: 'post',
      authority: 'api.example.com:8080',
      path: '/items?x=1',
      headers: [['content-type', 'text/plain']],
      body: 'ping',
    });
    const response = await send(request);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', url: 'http://api.example.com:8080/items?x=1' });
    expect(sent[0]!.headers.get('content-type')).toBe('text/plain');
    expect(await sent[0]!.body?.text()).toBe('ping');
    expect(await transmitted).toEqual(OK);
    expect(response.getStatusCode()).toBe(201);
    expect(new TextDecoder().decode(response.getHeaders().get('x-peer')[0])).toBe('yes');
    expect(await bodyText(response)).toBe('hello');
  });

  it('sends a request with no authority to the app itself, by its path, with no body for GET', async () => {
    const { sent, send } = recording(async () => new Response('self'));
    await send(guestRequest({ path: '/probe/?a=b' }).request);
    expect(sent[0]).toMatchObject({ method: 'GET', url: '/probe/?a=b', body: null });
  });

  it('gives the guest the dispatcher’s error code (a denied host) as err, and says so through the request’s future', async () => {
    const denied = { tag: 'HTTP-request-denied' } as const;
    const { send } = recording(() => Promise.reject(new OutboundError(denied, 'denied')));
    const { request, transmitted } = guestRequest({ authority: 'evil.example' });
    const error = await send(request).catch((e: unknown) => e);
    // A plain object, which the glue lowers as err(error-code).
    expect(error).toEqual(denied);
    expect(error).not.toBeInstanceOf(Error);
    expect(await transmitted).toEqual({ tag: 'err', val: denied });
  });

  it('does not send a body off its declared content-length: HTTP-request-body-size, as wasmtime', async () => {
    const { send, sent } = recording(() => Promise.resolve(new Response('unexpected')));
    const { request, transmitted } = guestRequest({
      method: 'post',
      authority: 'example.test',
      headers: [['content-length', '11']],
      body: 'hello',
    });
    const code = { tag: 'HTTP-request-body-size', val: 5n };
    expect(await send(request).catch((e: unknown) => e)).toEqual(code);
    expect(await transmitted).toEqual({ tag: 'err', val: code });
    expect(sent).toHaveLength(0);
  });

  it('turns any other failure into internal-error with its message', async () => {
    const { send } = recording(() => Promise.reject(new TypeError('bug')));
    expect(await send(guestRequest({}).request).catch((e: unknown) => e)).toEqual({
      tag: 'internal-error',
      val: 'bug',
    });
  });

  it('refuses a path that is no path as HTTP-request-URI-invalid, sending nothing', async () => {
    const { sent, send } = recording(async () => new Response(''));
    expect(await send(guestRequest({ path: 'nope' }).request).catch((e: unknown) => e)).toEqual({
      tag: 'HTTP-request-URI-invalid',
    });
    expect(sent).toEqual([]);
  });

  it('stops at the connect timeout the guest set, as connection-timeout', async () => {
    const { send } = recording(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    );
    const { request } = guestRequest({ authority: 'slow.example' });
    const options = new p3Types.RequestOptions();
    options.setConnectTimeout(20_000_000n);
    const [timed] = p3Types.Request.new(
      request.getHeaders().clone(),
      undefined,
      Promise.resolve(OK),
      options,
    );
    timed.setScheme({ tag: 'HTTP' } as ReturnType<P3Request['getScheme']>);
    timed.setAuthority('slow.example');
    timed.setPathWithQuery('/');
    expect(await send(timed).catch((e: unknown) => e)).toEqual({ tag: 'connection-timeout' });
  });
});
