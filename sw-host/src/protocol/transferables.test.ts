import { describe, expect, it } from 'vitest';
import { canTransferStreams } from './fetch-request.ts';
import { transferablesOf } from './messages.ts';

describe('transferablesOf', () => {
  it("transfers a fetch's body stream and byte arrays' buffers, each once", () => {
    const body = new ReadableStream<Uint8Array>();
    const buffer = new ArrayBuffer(8);
    const payload = { url: '/x', body, parts: [new Uint8Array(buffer, 0, 4), new Uint8Array(buffer, 4)] };
    expect(transferablesOf(payload)).toEqual([body, buffer]);
  });

  it('finds nothing to transfer in plain data', () => {
    expect(transferablesOf({ url: '/x', headers: [['a', 'b']], status: 200 })).toEqual([]);
  });
});

describe('canTransferStreams', () => {
  it('says whether a stream survives structuredClone with transfer (Node, as Chromium, can)', () => {
    expect(canTransferStreams()).toBe(true);
  });
});
