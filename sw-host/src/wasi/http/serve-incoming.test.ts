import { describe, expect, it } from 'vitest';
import { OutgoingBody } from './bodies.ts';
import type { InputStream, OutputStream } from './body-streams.ts';
import { Fields } from './fields.ts';
import { serveIncoming, type IncomingHandle } from './serve-incoming.ts';
import { OutgoingResponse, ResponseOutparam, type IncomingRequest } from './served-request.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const get = (method = 'GET', body: ReadableStream<Uint8Array> | null = null) => ({
  method,
  url: 'http://127.0.0.1:3000/items?x=1',
  headers: [
    ['host', '127.0.0.1:3000'],
    ['spin-path-info', '/items'],
  ] as [string, string][],
  body,
});

/** Starts a response the way a guest does; returns its body's output stream. */
function respond(out: ResponseOutparam, status = 200): { body: OutgoingBody; stream: OutputStream } {
  const response = new OutgoingResponse(Fields.fromList([['content-type', encoder.encode('text/plain')]]));
  response.setStatusCode(status);
  const body = response.body();
  const stream = body.write();
  ResponseOutparam.set(out, { tag: 'ok', val: response });
  return { body, stream };
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

describe('serveIncoming', () => {
  it('hands the guest the request: method, path and query, authority, headers but the forbidden ones, body', async () => {
    let seen: unknown;
    const upload = new Blob(['hello ', 'body']).stream();
    const handle: IncomingHandle = async (request: IncomingRequest, out) => {
      seen = {
        method: request.method(),
        pathWithQuery: request.pathWithQuery(),
        authority: request.authority(),
        scheme: request.scheme(),
        // As wasmtime's: `host` (a forbidden name) is not shown; the authority carries it.
        headers: request
          .headers()
          .entries()
          .map(([name]) => name),
        body: await readAll(request.consume().stream()),
      };
      const { body } = respond(out);
      OutgoingBody.finish(body, undefined);
    };
    await serveIncoming(handle, get('POST', upload));
    expect(seen).toEqual({
      method: { tag: 'post' },
      pathWithQuery: '/items?x=1',
      authority: '127.0.0.1:3000',
      scheme: { tag: 'HTTP' },
      headers: ['spin-path-info'],
      body: 'hello body',
    });
  });

  it('answers as soon as the response is set, and streams the body while the guest writes', async () => {
    let finishGuest!: () => void;
    const guestMayFinish = new Promise<void>((resolve) => (finishGuest = resolve));
    const handle: IncomingHandle = async (_request, out) => {
      const { body, stream } = respond(out);
      stream.blockingWriteAndFlush(encoder.encode('data: first\n\n'));
      await guestMayFinish;
      stream.blockingWriteAndFlush(encoder.encode('data: last\n\n'));
      OutgoingBody.finish(body, undefined);
    };
    const response = await serveIncoming(handle, get());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    const reader = response.body!.getReader();
    expect(decoder.decode((await reader.read()).value)).toBe('data: first\n\n');
    finishGuest();
    expect(decoder.decode((await reader.read()).value)).toBe('data: last\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('makes a guest that writes faster than the page reads wait (the body is never held whole)', async () => {
    let written = 0;
    const chunk = new Uint8Array(65536);
    const handle: IncomingHandle = async (_request, out) => {
      const { body, stream } = respond(out);
      for (let i = 0; i < 64; i++) {
        // check-write, then wait on the pollable when the reader is behind: what StarlingMonkey does.
        while (stream.checkWrite() === 0n) await stream.subscribe().block();
        stream.write(chunk);
        written += chunk.byteLength;
      }
      OutgoingBody.finish(body, undefined);
    };
    const response = await serveIncoming(handle, get());
    await new Promise((resolve) => setTimeout(resolve, 20));
    // 4 MiB were to be written; the guest stopped at the 1 MiB buffer.
    expect(written).toBeLessThanOrEqual(1 << 20);
    expect((await response.arrayBuffer()).byteLength).toBe(64 * 65536);
    expect(written).toBe(64 * 65536);
  });

  it('gives HEAD and null-body statuses no body, dropping what the guest writes', async () => {
    const writer: IncomingHandle = (_request, out) => {
      const { body, stream } = respond(out);
      stream.blockingWriteAndFlush(encoder.encode('ignored'));
      OutgoingBody.finish(body, undefined);
    };
    const head = await serveIncoming(writer, get('HEAD'));
    expect(head.body).toBeNull();
    expect(head.headers.get('content-type')).toBe('text/plain');
    const noContent = await serveIncoming((request, out) => {
      const { body, stream } = respond(out, 204);
      stream.blockingWriteAndFlush(encoder.encode('ignored'));
      OutgoingBody.finish(body, undefined);
    }, get());
    expect(noContent.status).toBe(204);
    expect(noContent.body).toBeNull();
  });

  it('says content-length: 0 on a response whose body the guest never asked for, as Spin does', async () => {
    const bodyless = (status: number, headers: [string, string][] = []) =>
      ((_request, out) => {
        const response = new OutgoingResponse(
          Fields.fromList(headers.map(([name, value]) => [name, encoder.encode(value)])),
        );
        response.setStatusCode(status);
        ResponseOutparam.set(out, { tag: 'ok', val: response });
      }) satisfies IncomingHandle;
    const empty = await serveIncoming(bodyless(200), get());
    expect(empty.headers.get('content-length')).toBe('0');
    expect(await empty.text()).toBe('');
    // The guest's own length stands; statuses and methods that never have a body get none.
    const own = await serveIncoming(bodyless(200, [['content-length', '0']]), get());
    expect(own.headers.get('content-length')).toBe('0');
    expect((await serveIncoming(bodyless(204), get())).headers.has('content-length')).toBe(false);
    expect((await serveIncoming(bodyless(200), get('HEAD'))).headers.has('content-length')).toBe(false);
    // A body the guest asked for streams; its length is not known when the response starts.
    const streamed = await serveIncoming((_request, out) => {
      OutgoingBody.finish(respond(out).body, undefined);
    }, get());
    expect(streamed.headers.has('content-length')).toBe(false);
    expect(await streamed.text()).toBe('');
  });

  it('ends a body the guest still holds when handle returns, as wasmtime does', async () => {
    const response = await serveIncoming((_request, out) => {
      respond(out, 500);
    }, get());
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
  });

  it('fails a body the guest dropped unfinished', async () => {
    const response = await serveIncoming((_request, out) => {
      const { body, stream } = respond(out);
      stream.blockingWriteAndFlush(encoder.encode('partial'));
      (body as unknown as Record<symbol, () => void>)[Symbol.dispose]!();
    }, get());
    await expect(response.text()).rejects.toThrow(/dropped a body without finishing it/);
  });

  it('answers 500 to an error code, and reports it', async () => {
    const codes: unknown[] = [];
    const response = await serveIncoming(
      (_request, out) => ResponseOutparam.set(out, { tag: 'err', val: { tag: 'HTTP-request-denied' } }),
      get(),
      { onErrorCode: (code) => codes.push(code) },
    );
    expect(response.status).toBe(500);
    expect(codes).toEqual([{ tag: 'HTTP-request-denied' }]);
  });

  it('rejects when the guest fails or returns without a response', async () => {
    await expect(
      serveIncoming(() => {
        throw new Error('trap');
      }, get()),
    ).rejects.toThrow('trap');
    await expect(serveIncoming(() => undefined, get())).rejects.toThrow(/without setting a response/);
  });

  it('a failure after the response began cuts the body short and is reported', async () => {
    const late: unknown[] = [];
    const response = await serveIncoming(
      async (_request, out) => {
        const { stream } = respond(out);
        stream.blockingWriteAndFlush(encoder.encode('partial'));
        await Promise.resolve();
        throw new Error('trap after headers');
      },
      get(),
      { onLateFailure: (error) => late.push((error as Error).message) },
    );
    await expect(response.text()).rejects.toThrow('trap after headers');
    expect(late).toEqual(['trap after headers']);
  });
});
