import { describe, expect, it } from 'vitest';
import { GuestMemory } from './guest-memory.ts';
import { freeResponse, liftResponse, lowerRequest, spin1Method } from './inbound-http-abi.ts';

/**
 * A guest memory whose allocator hands out aligned space from 1024 up, as a guest's
 * `canonical_abi_realloc` would: the layout written into it is what these tests check.
 */
function guestMemory(): GuestMemory {
  const memory = new WebAssembly.Memory({ initial: 1 });
  let next = 1024;
  return new GuestMemory(memory, (_old, _oldLength, align, length) => {
    const pointer = Math.ceil(next / align) * align;
    next = pointer + length;
    return pointer;
  });
}

const text = (guest: GuestMemory, pointer: number, length: number) =>
  new TextDecoder().decode(new Uint8Array(guest.memory.buffer, pointer, length));

describe("Spin 1's inbound-http ABI", () => {
  it('passes the request as ten i32s: method case, uri, headers, params, some(body)', () => {
    const guest = guestMemory();
    const args = lowerRequest(guest, {
      method: 'PATCH',
      uri: '/items/7?full=1',
      headers: [['x-test', 'yes']],
      params: [],
      body: new TextEncoder().encode('{}'),
    });
    expect(args).toHaveLength(10);
    const [method, uri, uriLength, headers, headerCount, , paramCount, bodyTag, body, bodyLength] = args;
    expect(method).toBe(4);
    expect(text(guest, uri!, uriLength!)).toBe('/items/7?full=1');
    expect(headerCount).toBe(1);
    expect(headers! % 4).toBe(0);
    const view = guest.view;
    const field = (slot: number) => view.getUint32(headers! + slot * 4, true);
    expect(text(guest, field(0), field(1))).toBe('x-test');
    expect(text(guest, field(2), field(3))).toBe('yes');
    expect(paramCount).toBe(0);
    expect([bodyTag, text(guest, body!, bodyLength!)]).toEqual([1, '{}']);
  });

  it('passes no body as none', () => {
    const args = lowerRequest(guestMemory(), {
      method: 'GET',
      uri: '/',
      headers: [],
      params: [],
      body: undefined,
    });
    expect(args.slice(7)).toEqual([0, 0, 0]);
  });

  it('names the seven methods of the WIT enum and no other', () => {
    expect(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'].map(spin1Method)).toEqual([
      'GET',
      'POST',
      'PUT',
      'DELETE',
      'PATCH',
      'HEAD',
      'OPTIONS',
    ]);
    expect(spin1Method('TRACE')).toBeUndefined();
    expect(spin1Method('get')).toBeUndefined();
  });

  /** A response record as a guest lays it out: status, option<headers>, option<body>. */
  function writeResponse(guest: GuestMemory, headers: [string, string][] | undefined, body?: string): number {
    const pairs = headers?.map(([name, value]) => [...guest.writeString(name), ...guest.writeString(value)]);
    const list = pairs ? guest.allocate(pairs.length * 16, 4) : 0;
    pairs?.forEach((fields, index) =>
      fields.forEach((field, slot) => guest.view.setUint32(list + index * 16 + slot * 4, field, true)),
    );
    const [bodyPointer, bodyLength] = body === undefined ? [0, 0] : guest.writeString(body);
    const record = guest.allocate(28, 4);
    const view = guest.view;
    view.setUint16(record, 201, true);
    view.setUint8(record + 4, pairs ? 1 : 0);
    view.setUint32(record + 8, list, true);
    view.setUint32(record + 12, pairs?.length ?? 0, true);
    view.setUint8(record + 16, body === undefined ? 0 : 1);
    view.setUint32(record + 20, bodyPointer, true);
    view.setUint32(record + 24, bodyLength, true);
    return record;
  }

  it('reads the response record: status, headers and body', () => {
    const guest = guestMemory();
    const record = writeResponse(guest, [['content-type', 'text/plain']], 'created');
    const response = liftResponse(guest, record);
    expect(response.status).toBe(201);
    expect(response.headers).toEqual([['content-type', 'text/plain']]);
    expect(new TextDecoder().decode(response.body)).toBe('created');
  });

  it('reads none as no headers and no body', () => {
    const guest = guestMemory();
    expect(liftResponse(guest, writeResponse(guest, undefined))).toEqual({
      status: 201,
      headers: undefined,
      body: undefined,
    });
  });

  it('gives every block of the response back to the guest, as wit-bindgen post-return did', () => {
    const guest = guestMemory();
    const record = writeResponse(guest, [['a', 'bc']], 'body');
    const freed: [number, number][] = [];
    freeResponse(guest, record, (_pointer, length, align) => freed.push([length, align]));
    expect(freed).toEqual([
      [1, 1],
      [2, 1],
      [16, 4],
      [4, 1],
    ]);
  });

  it('refuses a response that points outside the guest memory, or with a bad option tag', () => {
    const guest = guestMemory();
    const record = writeResponse(guest, undefined, 'x');
    guest.view.setUint32(record + 24, 1 << 20, true);
    expect(() => liftResponse(guest, record)).toThrow(
      /its response body \(1048576 bytes at \d+\) lies outside its memory of 65536 bytes/,
    );
    guest.view.setUint8(record + 16, 7);
    expect(() => liftResponse(guest, record)).toThrow('its response body option has the invalid tag 7');
    expect(() => liftResponse(guest, 65_530)).toThrow('its response record (28 bytes at 65530) lies outside');
  });
});
