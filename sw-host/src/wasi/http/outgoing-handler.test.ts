import { describe, expect, it } from 'vitest';
import type { Method } from './methods.ts';
import { OutgoingBody } from './bodies.ts';
import type { InputStream } from './body-streams.ts';
import { OutboundError } from './error-code.ts';
import { Fields } from './fields.ts';
import type { OutboundDispatcher, OutboundRequest } from './outbound-dispatcher.ts';
import { createOutgoingHandler } from './outgoing-handler.ts';
import {
  OutgoingRequest,
  RequestOptions,
  type FutureIncomingResponse,
  type IncomingResponse,
} from './sent-request.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Records what it is sent and answers with `answer`. */
function dispatcher(answer: (request: OutboundRequest) => Promise<Response>) {
  const sent: { request: OutboundRequest; body: string | null }[] = [];
  const value: OutboundDispatcher = {
    async send(request) {
      sent.push({ request, body: request.body ? await request.body.text() : null });
      return answer(request);
    },
  };
  return { sent, value };
}

/** Waits as a guest does (subscribe, block) and returns the future's result. */
async function settle(future: FutureIncomingResponse) {
  await future.subscribe().block();
  const outcome = future.get() as {
    tag: 'ok';
    val: { tag: 'ok'; val: IncomingResponse } | { tag: 'err'; val: unknown };
  };
  expect(future.get()).toEqual({ tag: 'err', val: undefined });
  return outcome.val;
}

async function readAll(stream: InputStream): Promise<string> {
  let text = '';
  for (;;) {
    try {
      text += decoder.decode(await stream.blockingRead(1000n));
    } catch (error) {
      if ((error as { tag?: string }).tag === 'closed') return text;
      throw error;
    }
  }
}

function request(authority: string | undefined, path: string, method: Method = { tag: 'get' }) {
  const outgoing = new OutgoingRequest(Fields.fromList([['x-guest', encoder.encode('1')]]));
  outgoing.setMethod(method);
  if (authority !== undefined) {
    outgoing.setScheme({ tag: 'HTTP' });
    outgoing.setAuthority(authority);
  }
  outgoing.setPathWithQuery(path);
  return outgoing;
}

describe('outgoing-handler', () => {
  it('sends the URL, method and headers the guest set, and gives back the response and its body', async () => {
    const { sent, value } = dispatcher(
      async () => new Response('pong', { status: 201, headers: { 'x-peer': 'yes' } }),
    );
    const result = await settle(
      createOutgoingHandler(value).handle(request('api.example.com:8080', '/v1?q=1'), undefined),
    );
    expect(sent[0]?.request).toMatchObject({ method: 'GET', url: 'http://api.example.com:8080/v1?q=1' });
    expect(sent[0]?.request.headers.get('x-guest')).toBe('1');
    expect(result.tag).toBe('ok');
    const response = result.val as IncomingResponse;
    expect(response.status()).toBe(201);
    expect(decoder.decode(response.headers().get('x-peer')[0])).toBe('yes');
    expect(await readAll(response.consume().stream())).toBe('pong');
  });

  it('sends a request with no authority as a path: a request to the app itself', async () => {
    const { sent, value } = dispatcher(async () => new Response(null, { status: 204 }));
    await settle(createOutgoingHandler(value).handle(request(undefined, '/hello'), undefined));
    expect(sent[0]?.request.url).toBe('/hello');
  });

  it('sends the body once the guest has finished it', async () => {
    const { sent, value } = dispatcher(async () => new Response('ok'));
    const outgoing = request('example.com', '/items', { tag: 'post' });
    const body = outgoing.body();
    const future = createOutgoingHandler(value).handle(outgoing, undefined);
    const stream = body.write();
    stream.blockingWriteAndFlush(encoder.encode('hello '));
    stream.blockingWriteAndFlush(encoder.encode('world'));
    expect(sent).toEqual([]);
    OutgoingBody.finish(body, undefined);
    await settle(future);
    expect(sent[0]?.body).toBe('hello world');
  });

  it("gives the dispatcher's error code to the guest, and anything else as internal-error", async () => {
    const denied = dispatcher(async () => {
      throw new OutboundError({ tag: 'HTTP-request-denied' }, 'denied');
    });
    expect(
      await settle(createOutgoingHandler(denied.value).handle(request('x.test', '/'), undefined)),
    ).toEqual({
      tag: 'err',
      val: { tag: 'HTTP-request-denied' },
    });
    const broken = dispatcher(async () => {
      throw new TypeError('boom');
    });
    expect(
      await settle(createOutgoingHandler(broken.value).handle(request('x.test', '/'), undefined)),
    ).toEqual({
      tag: 'err',
      val: { tag: 'internal-error', val: 'boom' },
    });
  });

  it('times out as the guest asked: connection-timeout', async () => {
    const { value } = dispatcher(
      (request) =>
        new Promise((_resolve, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason)),
        ),
    );
    const options = new RequestOptions();
    options.setConnectTimeout(20_000_000n);
    expect(await settle(createOutgoingHandler(value).handle(request('slow.test', '/'), options))).toEqual({
      tag: 'err',
      val: { tag: 'connection-timeout' },
    });
  });

  it('refuses a path-with-query wasmtime refuses, when it is set', () => {
    const outgoing = new OutgoingRequest(new Fields());
    for (const bad of ['has space', 'relative', '', '/a<b', '/q?x="1"', '/tab\there']) {
      expect(() => outgoing.setPathWithQuery(bad), JSON.stringify(bad)).toThrow();
    }
    outgoing.setPathWithQuery('*');
    expect(() =>
      createOutgoingHandler(dispatcher(async () => new Response()).value).handle(outgoing, undefined),
    ).toThrow(expect.objectContaining({ tag: 'HTTP-request-URI-invalid' }));
  });

  it('takes every path-with-query wasmtime takes, and sends it with the same meaning', async () => {
    const cases: [pathWithQuery: string, url: string][] = [
      // `https://host?x=1`: the query of the root path.
      ['?x=1', 'http://h.test/?x=1'],
      ['/a/{"json":[1]}|^', 'http://h.test/a/{"json":[1]}|^'],
      ['/q?a=[1]&b={2}&c=`3`', 'http://h.test/q?a=[1]&b={2}&c=`3`'],
      ['/caf\u00e9?na\u00efve', 'http://h.test/caf\u00e9?na\u00efve'],
      // A fragment is not sent; a backslash stays one rather than becoming a slash.
      ['/page#section', 'http://h.test/page'],
      ['#only', 'http://h.test/'],
      ['/a\\b?c\\d', 'http://h.test/a%5Cb?c\\d'],
    ];
    for (const [pathWithQuery, url] of cases) {
      const { sent, value } = dispatcher(async () => new Response('ok'));
      await settle(createOutgoingHandler(value).handle(request('h.test', pathWithQuery), undefined));
      expect(sent[0]?.request.url, pathWithQuery).toBe(url);
    }
  });
});
