import { describe, expect, it } from 'vitest';
import { WHOLE_BODY_LIMIT, writtenBody } from './written-body.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
}

describe('writtenBody', () => {
  it('gives a body written and finished at once as bytes', async () => {
    const body = await writtenBody(streamOf('hello ', 'world'));
    expect(body.kind).toBe('bytes');
    expect(body.kind === 'bytes' && text(body.bytes)).toBe('hello world');
  });

  it('streams a body still being written: what was written first, then the rest as it comes', async () => {
    let later: ReadableStreamDefaultController<Uint8Array> | undefined;
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('first '));
        later = controller;
      },
    });
    const body = await writtenBody(source);
    expect(body.kind).toBe('stream');
    if (body.kind !== 'stream') return;
    const reader = body.stream.getReader();
    expect(text((await reader.read()).value!)).toBe('first ');
    const next = reader.read();
    later!.enqueue(new TextEncoder().encode('then'));
    later!.close();
    expect(text((await next).value!)).toBe('then');
    expect((await reader.read()).done).toBe(true);
  });

  it('streams a big body even when written at once', async () => {
    const big = 'x'.repeat(WHOLE_BODY_LIMIT / 2);
    const body = await writtenBody(streamOf(big, big, big));
    expect(body.kind).toBe('stream');
    if (body.kind !== 'stream') return;
    expect(await new Response(body.stream).text()).toHaveLength(big.length * 3);
  });

  it("passes a failed body's error on to its reader", async () => {
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('partial'));
        controller.error(new Error('the guest trapped'));
      },
    });
    const body = await writtenBody(source);
    expect(body.kind).toBe('stream');
    if (body.kind !== 'stream') return;
    const reader = body.stream.getReader();
    await expect(reader.read()).rejects.toThrow('the guest trapped');
  });
});
