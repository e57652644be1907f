import { describe, expect, it } from 'vitest';
import { decodeJson, encodeValue, spinKvModule } from './spin-kv.js';
import { spinVariablesModule } from './spin-variables.js';

/** A fake of the host's `fermyon:spin/key-value` store, over a Map. */
function fakeHost() {
  const stores = new Map([['default', new Map()]]);
  return (label) => {
    const data = stores.get(label);
    if (!data) throw Object.assign(new Error('no-such-store'), { payload: { tag: 'no-such-store' } });
    return {
      get: (key) => data.get(key),
      set: (key, value) => data.set(key, value),
      delete: (key) => data.delete(key),
      exists: (key) => data.has(key),
      getKeys: () => [...data.keys()],
    };
  };
}

describe('@spinframework/spin-kv', () => {
  it('stores text, bytes and JSON, and reads them back', () => {
    const store = spinKvModule(fakeHost()).openDefault();
    store.set('text', 'hi');
    store.set('bytes', new Uint8Array([1, 2]));
    store.set('object', { a: 1 });
    store.setJson('json', [1, 'two']);
    expect(new TextDecoder().decode(store.get('text'))).toBe('hi');
    expect([...store.get('bytes')]).toEqual([1, 2]);
    expect(store.getJson('object')).toEqual({ a: 1 });
    expect(store.getJson('json')).toEqual([1, 'two']);
    expect(store.getKeys()).toEqual(['text', 'bytes', 'object', 'json']);
    store.delete('text');
    expect(store.exists('text')).toBe(false);
    expect(store.get('text')).toBeNull();
    expect(store.getJson('text')).toBeNull();
  });

  it('says which store and call failed, keeping the WIT error', () => {
    expect(() => spinKvModule(fakeHost()).open('cache')).toThrow(
      expect.objectContaining({
        message: 'spin-kv: open("cache") failed (no-such-store)',
        payload: { tag: 'no-such-store' },
      }),
    );
  });

  it('encodes values as the SDK does', () => {
    expect(encodeValue('é')).toEqual(new Uint8Array([0xc3, 0xa9]));
    expect(encodeValue(new Uint16Array([1]).subarray(0))).toEqual(new Uint8Array([1, 0]));
    expect(decodeJson(encodeValue({ n: 1 }))).toEqual({ n: 1 });
    expect(decodeJson(undefined)).toBeNull();
    expect(() => decodeJson(new TextEncoder().encode('{'))).toThrow(SyntaxError);
  });
});

describe('@spinframework/spin-variables', () => {
  it('gives a value, or null for a variable the host does not define', () => {
    const variables = spinVariablesModule((name) => {
      if (name === 'greeting') return 'Hello';
      throw Object.assign(new Error('undefined'), { payload: { tag: 'undefined', val: name } });
    });
    expect(variables.get('greeting')).toBe('Hello');
    expect(variables.get('missing')).toBeNull();
  });
});
