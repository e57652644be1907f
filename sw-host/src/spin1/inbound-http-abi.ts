/**
 * Spin 1's `inbound-http` interface in the canonical ABI of wit-bindgen 0.2, the way Spin 1 SDKs
 * built their modules (fermyon/spin, wit/ephemeral/spin-http.wit and http-types.wit):
 *
 *     handle-http-request: func(req: request) -> response
 *     record request  { method: method, uri: string, headers: list<tuple<string, string>>,
 *                       params: list<tuple<string, string>>, body: option<list<u8>> }
 *     record response { status: u16, headers: option<list<tuple<string, string>>>, body: option<list<u8>> }
 *
 * The request is passed flattened, ten i32s: the method's case, the uri (pointer, length), the
 * headers and the params (pointer, count each, 16 bytes an element: name pointer and length,
 * value pointer and length), and the body (1 for some, pointer, length). The guest returns a
 * pointer to the response, 4-aligned: status (u16) at 0; headers' option tag (u8) at 4, their
 * pointer at 8 and count at 12; body's option tag (u8) at 16, pointer at 20, length at 24.
 * Every string and list either way lives in guest memory from `canonical_abi_realloc`; the
 * response's are the host's to free with `canonical_abi_free` once lifted.
 */
import type { GuestMemory } from './guest-memory.ts';

/** The `method` enum, in the WIT's order: a method's case is its index. */
export const SPIN1_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;

export type Spin1Method = (typeof SPIN1_METHODS)[number];
export type Spin1Pairs = readonly (readonly [string, string])[];

export interface Spin1Request {
  method: Spin1Method;
  uri: string;
  headers: Spin1Pairs;
  params: Spin1Pairs;
  body: Uint8Array | undefined;
}

export interface Spin1Response {
  status: number;
  headers: Spin1Pairs | undefined;
  body: Uint8Array | undefined;
}

/** A list<tuple<string, string>> element: two (pointer, length) pairs. */
const PAIR_SIZE = 16;
const PAIR_ALIGN = 4;

/** The method's case in the enum, or undefined for a method Spin 1 cannot pass (CONNECT, TRACE, ...). */
export function spin1Method(method: string): Spin1Method | undefined {
  return SPIN1_METHODS.find((name) => name === method);
}

/** Writes `request` into guest memory, returning the ten arguments of `handle-http-request`. */
export function lowerRequest(guest: GuestMemory, request: Spin1Request): number[] {
  const body = request.body ? [1, ...guest.writeBytes(request.body)] : [0, 0, 0];
  return [
    SPIN1_METHODS.indexOf(request.method),
    ...guest.writeString(request.uri),
    ...lowerPairs(guest, request.headers),
    ...lowerPairs(guest, request.params),
    ...body,
  ];
}

function lowerPairs(guest: GuestMemory, pairs: Spin1Pairs): [pointer: number, count: number] {
  // Strings first: each allocation may grow the memory, so the list is filled in afterwards.
  const strings = pairs.map(([name, value]) => [...guest.writeString(name), ...guest.writeString(value)]);
  const base = guest.allocate(strings.length * PAIR_SIZE, PAIR_ALIGN);
  const view = guest.view;
  strings.forEach((fields, index) => {
    fields.forEach((field, slot) => view.setUint32(base + index * PAIR_SIZE + slot * 4, field, true));
  });
  return [base, strings.length];
}

/** Reads the response `handle-http-request` returned a pointer to. Throws a sentence's tail on nonsense. */
export function liftResponse(guest: GuestMemory, pointer: number): Spin1Response {
  guest.check(pointer, 28, 'response record');
  const view = guest.view;
  const status = view.getUint16(pointer, true);
  const headers = liftOption(view, pointer + 4, 'response headers', (list, count) =>
    liftPairs(guest, list, count),
  );
  const body = liftOption(view, pointer + 16, 'response body', (bytes, length) =>
    guest.readBytes(bytes, length, 'response body'),
  );
  return { status, headers, body };
}

function liftOption<T>(
  view: DataView,
  at: number,
  what: string,
  lift: (pointer: number, length: number) => T,
): T | undefined {
  const tag = view.getUint8(at);
  if (tag === 0) return undefined;
  if (tag !== 1) throw new Error(`its ${what} option has the invalid tag ${tag}`);
  return lift(view.getUint32(at + 4, true), view.getUint32(at + 8, true));
}

function liftPairs(guest: GuestMemory, list: number, count: number): Spin1Pairs {
  guest.check(list, count * PAIR_SIZE, 'response header list');
  const pairs: [string, string][] = [];
  for (let index = 0; index < count; index++) {
    const view = guest.view;
    const at = list + index * PAIR_SIZE;
    const field = (slot: number) => view.getUint32(at + slot * 4, true);
    pairs.push([
      guest.readString(field(0), field(1), `response header ${index} name`),
      guest.readString(field(2), field(3), `response header ${index} value`),
    ]);
  }
  return pairs;
}

/**
 * Gives the lifted response's memory back to the guest, as wit-bindgen's post-return did: each
 * header string, the header list, the body. Every pointer is read before the first call, since
 * the guest's `free` may grow its memory.
 */
export function freeResponse(
  guest: GuestMemory,
  pointer: number,
  free: (pointer: number, length: number, align: number) => void,
): void {
  const view = guest.view;
  const blocks: [pointer: number, length: number, align: number][] = [];
  if (view.getUint8(pointer + 4) === 1) {
    const list = view.getUint32(pointer + 8, true);
    const count = view.getUint32(pointer + 12, true);
    for (let index = 0; index < count; index++) {
      const at = list + index * PAIR_SIZE;
      blocks.push([view.getUint32(at, true), view.getUint32(at + 4, true), 1]);
      blocks.push([view.getUint32(at + 8, true), view.getUint32(at + 12, true), 1]);
    }
    blocks.push([list, count * PAIR_SIZE, PAIR_ALIGN]);
  }
  if (view.getUint8(pointer + 16) === 1) {
    blocks.push([view.getUint32(pointer + 20, true), view.getUint32(pointer + 24, true), 1]);
  }
  for (const [block, length, align] of blocks) free(block, length, align);
}
