import { describe, expect, it } from 'vitest';
import { SwerveError } from '../errors.ts';
import { MAX_BUFFERED_BODY_BYTES, readBodyWithin } from './body-limit.ts';

/** A stream of `count` chunks of `size` bytes, recording how many were pulled and whether it was cancelled. */
function chunks(count: number, size: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === count) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(size));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe('readBodyWithin', () => {
  it('reads a body within the limit whole', async () => {
    const { stream } = chunks(3, 10);
    expect((await readBodyWithin(stream, 'A body', 'Do less.', 30)).byteLength).toBe(30);
    expect((await readBodyWithin(null, 'No body', 'Do less.')).byteLength).toBe(0);
  });

  it('stops at the limit, cancels the stream, and names the limit and what to do', async () => {
    const { stream, seen } = chunks(1000, 10);
    const reading = readBodyWithin(stream, 'The response to GET /big', 'Open it in a tab.', 25);
    await expect(reading).rejects.toBeInstanceOf(SwerveError);
    await expect(reading).rejects.toMatchObject({ code: 'too-large' });
    await expect(reading).rejects.toThrow(
      'The response to GET /big is over 25 bytes (MAX_BUFFERED_BODY_BYTES), the most Swerve holds in memory for one body; it was not read further. Open it in a tab.',
    );
    expect(seen.pulled).toBeLessThan(10);
    expect(seen.cancelled).toBe(true);
  });

  it('is 64 MiB by default', () => {
    expect(MAX_BUFFERED_BODY_BYTES).toBe(64 * 1024 * 1024);
  });
});
