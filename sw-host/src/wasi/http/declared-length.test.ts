/**
 * A body held to its message's content-length, as wasmtime holds it: writing past it fails the
 * write with the body-size code (read through http-error-code), and finishing short or long
 * fails the message and returns the code. Driven through the guest-facing resources.
 */
import { describe, expect, it } from 'vitest';
import { OutgoingBody } from './bodies.ts';
import { Fields } from './fields.ts';
import { types } from './index.ts';
import { createOutgoingHandler } from './outgoing-handler.ts';
import { OutgoingRequest, type FutureIncomingResponse } from './sent-request.ts';
import { OutgoingResponse, responseParts } from './served-request.ts';

const encoder = new TextEncoder();
const withLength = (length: string) => Fields.fromList([['content-length', encoder.encode(length)]]);

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('a response body and its content-length', () => {
  it('finishes when exactly content-length bytes were written', async () => {
    const response = new OutgoingResponse(withLength('5'));
    const body = response.body();
    body.write().write(encoder.encode('hello'));
    OutgoingBody.finish(body, undefined);
    expect(await text(responseParts(response).sink.stream)).toBe('hello');
  });

  it('fails a write past content-length with HTTP-response-body-size, and finish with it too', async () => {
    const response = new OutgoingResponse(withLength('3'));
    const body = response.body();
    const stream = body.write();
    const error = thrown(() => stream.write(encoder.encode('hello'))) as { tag: string; val: unknown };
    expect(error.tag).toBe('last-operation-failed');
    expect(types.httpErrorCode(error.val)).toEqual({ tag: 'HTTP-response-body-size', val: 5n });
    expect(thrown(() => OutgoingBody.finish(body, undefined))).toEqual({
      tag: 'HTTP-response-body-size',
      val: 5n,
    });
    await expect(text(responseParts(response).sink.stream)).rejects.toThrow(
      /5 bytes but its content-length says 3/,
    );
  });

  it('fails finish on a body shorter than content-length, and the response with it', async () => {
    const response = new OutgoingResponse(withLength('10'));
    const body = response.body();
    body.write().write(encoder.encode('hello'));
    expect(thrown(() => OutgoingBody.finish(body, undefined))).toEqual({
      tag: 'HTTP-response-body-size',
      val: 5n,
    });
    await expect(text(responseParts(response).sink.stream)).rejects.toThrow(/content-length says 10/);
  });

  it('holds a body without content-length to nothing', async () => {
    const response = new OutgoingResponse(new Fields());
    const body = response.body();
    body.write().write(encoder.encode('any length'));
    OutgoingBody.finish(body, undefined);
    expect(await text(responseParts(response).sink.stream)).toBe('any length');
  });
});

describe('an outgoing request body and its content-length', () => {
  it('is not sent when finished short: finish and the response both say HTTP-request-body-size', async () => {
    let sent = false;
    const handle = createOutgoingHandler({
      send: () => {
        sent = true;
        return Promise.resolve(new Response('unexpected'));
      },
    }).handle;
    const request = new OutgoingRequest(withLength('11'));
    request.setMethod({ tag: 'post' });
    request.setScheme({ tag: 'HTTP' });
    request.setAuthority('example.test');
    const body = request.body();
    body.write().write(encoder.encode('hello'));
    const future = handle(request, undefined) as FutureIncomingResponse;
    expect(thrown(() => OutgoingBody.finish(body, undefined))).toEqual({
      tag: 'HTTP-request-body-size',
      val: 5n,
    });
    await future.subscribe().block();
    expect(future.get()).toEqual({
      tag: 'ok',
      val: { tag: 'err', val: { tag: 'HTTP-request-body-size', val: 5n } },
    });
    expect(sent).toBe(false);
  });
});
