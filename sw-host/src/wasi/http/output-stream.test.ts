/**
 * A body's output stream as guests use it, `write` without `check-write` included (TinyGo's
 * wasip2 Spin SDK does so): it must behave as wasmtime's body stream, which takes such a write
 * whole while there is room and traps only on a full buffer.
 */
import { describe, expect, it } from 'vitest';
import { BufferSink, StreamSink, outputStreamTo } from './body-streams.ts';

const bytes = (length: number, fill = 0x61) => new Uint8Array(length).fill(fill);

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let total = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) total += chunk.byteLength;
  return total;
}

describe('a body output stream', () => {
  it('takes a write without check-write first, of any size, while the buffer has room', async () => {
    const sink = new StreamSink(1 << 20);
    const stream = outputStreamTo(sink);
    // 200 KiB: over the largest permit check-write grants (64 KiB), as wasmtime allows.
    stream.write(bytes(200 * 1024));
    stream.write(bytes(10));
    sink.close();
    expect(await drain(sink.stream)).toBe(200 * 1024 + 10);
  });

  it('traps a write without check-write into a full buffer, saying what to do', () => {
    const sink = new StreamSink(1024);
    const stream = outputStreamTo(sink);
    stream.write(bytes(1024));
    expect(stream.checkWrite()).toBe(0n);
    expect(() => stream.write(bytes(1))).toThrow(/write exceeded budget.*check-write/);
    // Writing nothing needs no permit.
    expect(() => stream.write(new Uint8Array(0))).not.toThrow();
  });

  it('blocking-flush waits until the reader has made room, then writes go on', async () => {
    const sink = new StreamSink(1024);
    const stream = outputStreamTo(sink);
    stream.write(bytes(1024));
    const flushed = stream.blockingFlush() as unknown as Promise<void> | undefined;
    expect(flushed).toBeInstanceOf(Promise);
    const reader = sink.stream.getReader();
    expect((await reader.read()).value?.byteLength).toBe(1024);
    await flushed;
    expect(sink.capacity()).toBeGreaterThan(0);
    stream.write(bytes(5));
    sink.close();
    expect((await reader.read()).value?.byteLength).toBe(5);
  });

  it('write-zeroes needs no permit either', async () => {
    const sink = new StreamSink(1 << 20);
    const stream = outputStreamTo(sink);
    stream.writeZeroes(70_000n);
    sink.close();
    expect(await drain(sink.stream)).toBe(70_000);
  });

  it('fails a write after the reader went away as closed, not as a trap', async () => {
    const sink = new StreamSink(1024);
    const stream = outputStreamTo(sink);
    await sink.stream.cancel();
    expect(() => stream.write(bytes(1))).toThrow(expect.objectContaining({ tag: 'closed' }));
  });

  it('buffers an outgoing request body written without check-write', async () => {
    const sink = new BufferSink();
    const stream = outputStreamTo(sink);
    stream.write(bytes(300 * 1024));
    sink.close();
    expect((await sink.body).size).toBe(300 * 1024);
  });
});
