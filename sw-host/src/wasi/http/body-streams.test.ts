import { describe, expect, it } from 'vitest';
import { BufferSink } from './body-streams.ts';
import { errorCodeOf } from './error-code.ts';

describe('an outgoing request body (BufferSink)', () => {
  it('fails with HTTP-request-body-size past its limit, and refuses further writes', async () => {
    const sink = new BufferSink(8);
    sink.write(new Uint8Array(8));
    expect(() => sink.write(new Uint8Array(1))).toThrow();
    const failure = await sink.body.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(errorCodeOf(failure)).toEqual({ tag: 'HTTP-request-body-size', val: 8n });
    expect((failure as Error).message).toContain('MAX_BUFFERED_BODY_BYTES');
    expect(() => sink.write(new Uint8Array(1))).toThrow();
  });
});
