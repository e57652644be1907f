import { describe, expect, it } from 'vitest';
import { showKvValue } from './kv-value.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('key-value values', () => {
  it('shows JSON pretty and text as text', () => {
    expect(showKvValue(utf8('{"a":[1,2]}'))).toEqual({
      kind: 'json',
      text: '{\n  "a": [\n    1,\n    2\n  ]\n}',
      raw: '{"a":[1,2]}',
      size: 11,
    });
    expect(showKvValue(utf8('héllo\nworld'))).toEqual({ kind: 'text', text: 'héllo\nworld', size: 12 });
    // A number stored as its digits is text (kv-counter in Rust and JS does this).
    expect(showKvValue(utf8('2'))).toMatchObject({ kind: 'text', text: '2' });
    expect(showKvValue(utf8('{not json'))).toMatchObject({ kind: 'text', text: '{not json' });
  });

  it('shows a u64 counter as hex and as numbers, not as control characters', () => {
    const counter = new Uint8Array([2, 0, 0, 0, 0, 0, 0, 0]);
    expect(showKvValue(counter)).toEqual({
      kind: 'bytes',
      size: 8,
      hex: '02 00 00 00 00 00 00 00',
      truncated: false,
      u64: { littleEndian: '2', bigEndian: String(2n << 56n) },
    });
  });

  it('shows invalid UTF-8 as hex, the first 64 bytes of long values', () => {
    const shown = showKvValue(new Uint8Array(100).fill(0xff));
    expect(shown).toMatchObject({ kind: 'bytes', size: 100, truncated: true });
    expect(shown.kind === 'bytes' && shown.hex.split(' ')).toHaveLength(64);
    expect(showKvValue(new Uint8Array([0xc3]))).toMatchObject({ kind: 'bytes', hex: 'c3' });
    expect(showKvValue(new Uint8Array([0xc3]))).not.toHaveProperty('u64');
  });
});
