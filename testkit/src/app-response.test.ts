import { afterEach, describe, expect, it, vi } from 'vitest';
import { withinTimeout } from './app-handle.ts';
import { appResponse } from './app-response.ts';

const read = (status: number, body = '{"a":1}') => ({
  url: 'http://k1.kit.localhost:4214/a?x=1',
  status,
  statusText: status === 200 ? 'OK' : 'Not Found',
  headers: [
    { name: 'content-type', value: 'application/json' },
    { name: 'set-cookie', value: 'a=1' },
    { name: 'set-cookie', value: 'b=2' },
    { name: 'X-Many', value: 'one' },
    { name: 'x-many', value: 'two' },
  ],
  body: new TextEncoder().encode(body),
});

describe('appResponse', () => {
  it("reads like Playwright's APIResponse", async () => {
    const res = appResponse(read(200));
    expect(res.status()).toBe(200);
    expect(res.statusText()).toBe('OK');
    expect(res.ok()).toBe(true);
    expect(res.url()).toBe('http://k1.kit.localhost:4214/a?x=1');
    expect(await res.json()).toEqual({ a: 1 });
    expect(await res.text()).toBe('{"a":1}');
    expect(Buffer.isBuffer(await res.body())).toBe(true);
    expect(res.error()).toBeUndefined();
  });

  it('is ok for 200-299 only', () => {
    expect([199, 200, 204, 299, 300, 404, 500].map((status) => appResponse(read(status)).ok())).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('joins repeated headers by lower-cased name, cookies one per line; headersArray keeps each', () => {
    const res = appResponse(read(200));
    expect(res.headers()).toEqual({
      'content-type': 'application/json',
      'set-cookie': 'a=1\nb=2',
      'x-many': 'one, two',
    });
    expect(res.headersArray().filter(({ name }) => name === 'set-cookie')).toEqual([
      { name: 'set-cookie', value: 'a=1' },
      { name: 'set-cookie', value: 'b=2' },
    ]);
  });

  it('says what the body was when it is not JSON', async () => {
    await expect(appResponse(read(404, 'no such page')).json()).rejects.toThrow(
      /The body of http:\/\/k1\.kit\.localhost:4214\/a\?x=1 \(status 404\) is not JSON[\s\S]*It begins: "no such page"/,
    );
  });

  it('refuses to read a disposed body', async () => {
    const res = appResponse(read(200));
    await res.dispose();
    await expect(res.text()).rejects.toThrow(/has been disposed: read its body before dispose\(\)/);
    expect(res.status()).toBe(200);
  });
});

describe('withinTimeout', () => {
  afterEach(() => vi.useRealTimers());

  it('fails with the timeout it was given when no answer comes', async () => {
    vi.useFakeTimers();
    const waiting = withinTimeout(new Promise(() => {}), 250, 'GET /slow');
    const failed = expect(waiting).rejects.toThrow(
      /GET \/slow got no answer within its timeout of 250 ms \(the timeout option of app\.fetch\)/,
    );
    await vi.advanceTimersByTimeAsync(250);
    await failed;
  });

  it('passes the answer through, and 0 means no limit', async () => {
    expect(await withinTimeout(Promise.resolve('answer'), 250, 'GET /')).toBe('answer');
    expect(await withinTimeout(Promise.resolve('answer'), 0, 'GET /')).toBe('answer');
  });

  it('refuses a negative timeout', async () => {
    await expect(withinTimeout(Promise.resolve(1), -1, 'GET /')).rejects.toThrow(
      /timeout must be a number of milliseconds, 0 or more/,
    );
  });
});
