import { describe, expect, it } from 'vitest';
import { createDump, readDump } from './kv-dump.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('key-value dumps', () => {
  it('writes UTF-8 values as text and others as base64, and reads both back', () => {
    const binary = new Uint8Array([0, 1, 0xff, 0xfe]);
    const dump = createDump([
      ['greeting', bytes('héllo')],
      ['blob', binary],
    ]);
    expect(dump).toEqual({
      format: 'swerve-kv-v1',
      entries: { greeting: { text: 'héllo' }, blob: { base64: 'AAH//g==' } },
    });
    expect(readDump(JSON.parse(JSON.stringify(dump)))).toEqual([
      ['greeting', bytes('héllo')],
      ['blob', binary],
    ]);
  });

  it('round-trips a large binary value', () => {
    const big = new Uint8Array(200_000).map((_, i) => (i * 7) % 256);
    expect(readDump(createDump([['big', big]]))[0]?.[1]).toEqual(big);
  });

  it.each([
    [null, 'it is not a JSON object'],
    [{ format: 'other', entries: {} }, 'its "format" is "other"'],
    [{ format: 'swerve-kv-v1', entries: [] }, '"entries" is not an object'],
    [{ format: 'swerve-kv-v1', entries: { a: 1 } }, 'entry "a" has neither "text" nor "base64"'],
    [{ format: 'swerve-kv-v1', entries: { a: { base64: '***' } } }, 'the base64 of entry "a" is malformed'],
  ])('rejects %j: %s', (dump, why) => {
    expect(() => readDump(dump)).toThrow(`This is not a key-value dump Swerve can import: ${why}.`);
  });
});
