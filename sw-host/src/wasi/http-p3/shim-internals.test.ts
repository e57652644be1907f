import { describe, expect, it } from 'vitest';
import { SHIM_REQUEST_INTERNALS, shimInternals } from './shim-internals.ts';
import { p3Types, type P3Request } from './types.ts';

describe("preview3-shim's Request internals", () => {
  it('are there in the installed preview3-shim', () => {
    const noTrailers = Promise.resolve({ tag: 'ok', val: undefined } as const);
    const [request] = p3Types.Request.new(new p3Types.Fields(), undefined, noTrailers, undefined);
    const internals = shimInternals(request);
    for (const name of SHIM_REQUEST_INTERNALS) expect(typeof internals[name]).toBe('function');
  });

  it('missing, are named in the error', () => {
    const renamed = { _body: () => undefined } as unknown as P3Request;
    expect(() => shimInternals(renamed)).toThrow('has no Request._trailers, Request._resolve');
  });
});
