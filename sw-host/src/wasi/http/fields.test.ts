import { describe, expect, it } from 'vitest';
import { Fields, hostFields, lockFields, toHeaders } from './fields.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (values: Uint8Array[]) => values.map((value) => new TextDecoder().decode(value));

describe('Fields', () => {
  it('keeps names as written and compares them without case', () => {
    const fields = Fields.fromList([
      ['Content-Type', bytes('text/plain')],
      ['x-a', bytes('1')],
      ['X-A', bytes('2')],
    ]);
    expect(text(fields.get('content-type'))).toEqual(['text/plain']);
    expect(text(fields.get('x-a'))).toEqual(['1', '2']);
    expect(fields.has('X-a')).toBe(true);
    expect(fields.entries().map(([name]) => name)).toEqual(['Content-Type', 'x-a', 'X-A']);
  });

  it('set replaces every value, delete removes them', () => {
    const fields = Fields.fromList([
      ['x-a', bytes('1')],
      ['x-a', bytes('2')],
    ]);
    fields.set('X-A', [bytes('3')]);
    expect(text(fields.get('x-a'))).toEqual(['3']);
    fields.delete('x-a');
    expect(fields.has('x-a')).toBe(false);
  });

  it('refuses bad names and values, and connection headers, as header-error values', () => {
    const fields = new Fields();
    expect(() => fields.append('bad name', bytes('x'))).toThrow(
      expect.objectContaining({ tag: 'invalid-syntax' }),
    );
    expect(() => fields.append('x-a', bytes('line\r\nbreak'))).toThrow(
      expect.objectContaining({ tag: 'invalid-syntax' }),
    );
    expect(() => fields.append('Host', bytes('example.com'))).toThrow(
      expect.objectContaining({ tag: 'forbidden' }),
    );
    // wasmtime's list, which Spin keeps.
    for (const name of ['transfer-encoding', 'Upgrade', 'proxy-authorization', 'http2-settings']) {
      expect(() => fields.set(name, [bytes('x')]), name).toThrow(
        expect.objectContaining({ tag: 'forbidden' }),
      );
    }
  });

  it('locked fields are immutable; clones are not', () => {
    const locked = lockFields(Fields.fromList([['x-a', bytes('1')]]));
    expect(() => locked.append('x-b', bytes('2'))).toThrow(expect.objectContaining({ tag: 'immutable' }));
    const copy = locked.clone();
    copy.append('x-b', bytes('2'));
    expect(copy.has('x-b')).toBe(true);
    expect(locked.has('x-b')).toBe(false);
  });

  it('host fields carry what a guest could not set (host), immutably', () => {
    const fields = hostFields([
      ['host', 'example.com'],
      ['accept', '*/*'],
    ]);
    expect(text(fields.get('host'))).toEqual(['example.com']);
    expect(() => fields.delete('accept')).toThrow(expect.objectContaining({ tag: 'immutable' }));
  });

  it('become fetch Headers', () => {
    const headers = toHeaders(Fields.fromList([['x-a', bytes('1')]]));
    expect(headers.get('x-a')).toBe('1');
  });
});
