import { describe, expect, it } from 'vitest';
import { sameOriginRefusal } from './same-origin-request.ts';

const own = {
  host: '127.0.0.1:3000',
  origin: 'http://127.0.0.1:3000',
  'sec-fetch-site': 'same-origin',
  'content-type': 'application/json',
};

describe('sameOriginRefusal', () => {
  it("accepts what the served origin's own pages and worker send", () => {
    expect(sameOriginRefusal(own, { json: true })).toBeUndefined();
    expect(
      sameOriginRefusal({ ...own, 'content-type': 'application/json; charset=utf-8' }, { json: true }),
    ).toBeUndefined();
    expect(sameOriginRefusal({ ...own, 'content-type': 'text/plain' })).toBeUndefined();
  });

  it('refuses what another page, or a client that is not a browser, sends', () => {
    expect(sameOriginRefusal({ ...own, 'sec-fetch-site': 'cross-site' })).toBe(
      "a cross-site request: only the app's own pages and worker may use it",
    );
    expect(sameOriginRefusal({ ...own, 'sec-fetch-site': 'same-site' })).toMatch(/^a same-site request/);
    expect(sameOriginRefusal({ ...own, 'sec-fetch-site': undefined })).toMatch(/without the browser marks/);
    expect(sameOriginRefusal({ ...own, origin: 'http://localhost:3000' })).toBe(
      'a request from http://localhost:3000, not from 127.0.0.1:3000',
    );
    expect(sameOriginRefusal({ ...own, origin: undefined })).toBe(
      'a request from no origin, not from 127.0.0.1:3000',
    );
    expect(sameOriginRefusal({ ...own, origin: 'null' })).toMatch(/^a request from null/);
  });

  it('asks for a JSON body where one is expected: a page cannot send that to another origin unasked', () => {
    expect(sameOriginRefusal({ ...own, 'content-type': 'text/plain;charset=UTF-8' }, { json: true })).toBe(
      'a text/plain body, not application/json',
    );
    expect(sameOriginRefusal({ ...own, 'content-type': undefined }, { json: true })).toBe(
      'a untyped body, not application/json',
    );
  });
});
