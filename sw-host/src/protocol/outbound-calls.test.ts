import { describe, expect, it } from 'vitest';
import {
  addOutboundCall,
  MAX_RECORDED_OUTBOUND_CALLS,
  MAX_RECORDED_OUTBOUND_TEXT,
  type OutboundCall,
  type OutboundCalls,
} from './outbound-calls.ts';
import type { RequestRecord } from './request-record.ts';

const call = (n: number): OutboundCall => ({
  method: 'GET',
  url: `https://api.example.com/items/${n}`,
  target: 'network',
  at: 1_000 + n,
  durationMs: 2,
  status: 200,
});

describe('a request record’s outbound calls', () => {
  it('keeps the first calls in full and only counts the rest, however many the guest makes', () => {
    let calls: OutboundCalls | undefined;
    for (let n = 0; n < 10_000; n++) calls = addOutboundCall(calls, call(n));
    expect(calls!.calls).toHaveLength(MAX_RECORDED_OUTBOUND_CALLS);
    expect(calls!.calls[0]).toEqual(call(0));
    expect(calls!.calls.at(-1)).toEqual(call(MAX_RECORDED_OUTBOUND_CALLS - 1));
    expect(calls!.omitted).toBe(10_000 - MAX_RECORDED_OUTBOUND_CALLS);
  });

  it('cuts a long URL or error so one call cannot make a record large', () => {
    const long = `https://api.example.com/${'x'.repeat(100_000)}`;
    const [kept] = addOutboundCall(undefined, { ...call(0), url: long, error: 'e'.repeat(100_000) }).calls;
    expect(kept!.url).toHaveLength(MAX_RECORDED_OUTBOUND_TEXT);
    expect(kept!.url.startsWith('https://api.example.com/xxx')).toBe(true);
    expect(kept!.url.endsWith('…')).toBe(true);
    expect(kept!.error).toHaveLength(MAX_RECORDED_OUTBOUND_TEXT);
  });

  it('crosses a port as plain data, a denied call with its reason', () => {
    const denied: OutboundCall = {
      method: 'POST',
      url: 'https://evil.example.com/steal',
      at: 5,
      durationMs: 0.1,
      denied: true,
      error: "A component tried to make a HTTP request to non-allowed host 'https://evil.example.com'.",
    };
    const record: RequestRecord = {
      id: 1,
      at: 0,
      app: 'shop',
      component: 'web',
      method: 'GET',
      path: '/',
      status: 200,
      timings: { loadMs: 0, instantiateMs: 0, handleMs: 1, totalMs: 1 },
      outbound: addOutboundCall(addOutboundCall(undefined, call(1)), denied),
    };
    expect(structuredClone(record)).toEqual(record);
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });
});
