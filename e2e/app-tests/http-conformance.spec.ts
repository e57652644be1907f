/**
 * The request and response shape Spin's conformance suite (fermyon/conformance-tests,
 * `request-shape`) holds every host to, and the HTTP details real guests size their reads and
 * answers by: the request a component sees (method, path and query, authority, scheme, exactly
 * the spin-* headers Spin sets), `content-length` on a request with a body (through the
 * service worker and through the page API), and `content-length: 0` on a response the
 * component gave no body, a body written without `check-write` first, and a body held to the
 * `content-length` its component declared. The component is the `probe` fixture.
 */
import { expect, test } from '@swerve/playwright';
import { openAppDocument } from '../fixtures/app-document.ts';

test.use({ spinApp: '../components/fixtures/probe/request-shape.spin.toml' });

interface Seen {
  method: string;
  pathWithQuery: string;
  headers: Record<string, string>;
  body: string;
}

test("the request has the shape Spin's conformance suite checks, and an empty response says content-length: 0", async ({
  app,
  page,
}) => {
  const tab = await openAppDocument(page);
  const { seen, empty } = await tab.evaluate(async () => {
    const response = await fetch('/base/path/end/rest?key=value', {
      headers: { 'user-agent': 'my-agent', accept: '*/*' },
    });
    const emptyResponse = await fetch('/base/path/end/rest?no-body');
    return {
      seen: (await response.json()) as Seen,
      empty: {
        status: emptyResponse.status,
        length: emptyResponse.headers.get('content-length'),
        body: await emptyResponse.text(),
      },
    };
  });
  const origin = app.origin;
  expect(seen.method).toBe('GET');
  expect(seen.pathWithQuery).toBe('/base/path/end/rest?key=value');
  const spinHeaders = Object.fromEntries(
    Object.entries(seen.headers).filter(([name]) => /^spin[-_]/i.test(name)),
  );
  // Exactly these: the suite fails a host that adds any other spin-* header.
  expect(spinHeaders).toEqual({
    'spin-raw-component-route': '/base/:path_segment/:path_end/...',
    'spin-full-url': `${origin}/base/path/end/rest?key=value`,
    'spin-path-info': '/rest',
    'spin-base-path': '/',
    'spin-component-route': '/base/:path_segment/:path_end',
    'spin-path-match-path-segment': 'path',
    'spin-path-match-path-end': 'end',
    'spin-matched-route': '/base/:path_segment/:path_end/...',
    'spin-client-addr': '127.0.0.1:0',
  });
  expect(seen.headers['accept']).toBe('*/*');
  // As under Spin (wasmtime strips it for WASI 0.2 guests): the authority carries the host.
  expect(seen.headers['host']).toBeUndefined();
  expect(seen.headers['content-length']).toBeUndefined();
  expect(empty).toEqual({ status: 200, length: '0', body: '' });
});

test('a request body reaches the component with its content-length, from a tab and through the page API', async ({
  app,
  page,
}) => {
  const tab = await openAppDocument(page);
  const fromTab = await tab.evaluate(async () => {
    const send = async (init: RequestInit) => (await (await fetch('/base/a/b/echo', init)).json()) as Seen;
    const bytes = new Uint8Array(100_000).fill(0x61);
    return {
      text: await send({ method: 'POST', body: 'héllo' }),
      bytes: await send({ method: 'PUT', body: bytes }),
      none: await send({ method: 'POST' }),
    };
  });
  // 'héllo' is 6 bytes in UTF-8.
  expect(fromTab.text).toMatchObject({ method: 'POST', body: 'héllo' });
  expect(fromTab.text.headers['content-length']).toBe('6');
  expect(fromTab.bytes.headers['content-length']).toBe('100000');
  expect(fromTab.bytes.body.length).toBe(100_000);
  expect(fromTab.none.headers['content-length']).toBe('0');

  const viaHost = await app.fetch('/base/a/b/echo', { method: 'POST', data: '{"n":1}' });
  const seen = (await viaHost.json()) as Seen;
  expect(seen.body).toBe('{"n":1}');
  expect(seen.headers['content-length']).toBe('7');
});

test('a body written without check-write arrives whole, and one off its declared content-length fails', async ({
  page,
}) => {
  const tab = await openAppDocument(page);
  const outcomes = await tab.evaluate(async () => {
    const read = async (query: string) => {
      try {
        const response = await fetch(`/base/a/b/write?${query}`);
        const body = await response.text();
        return { status: response.status, length: body.length, body: body.length < 10 ? body : '' };
      } catch (error) {
        return { failed: String(error) };
      }
    };
    return {
      // 200 KiB in one write: over the 64 KiB a check-write grants, as TinyGo's SDK writes.
      unpermitted: await read('write=204800'),
      exact: await read('write=5&declare=5'),
      over: await read('write=5&declare=3'),
      short: await read('write=5&declare=10'),
    };
  });
  expect(outcomes.unpermitted).toEqual({ status: 200, length: 204_800, body: '' });
  expect(outcomes.exact).toEqual({ status: 200, length: 5, body: 'aaaaa' });
  // wasmtime fails the body (HTTP-response-body-size): the client never takes it as complete.
  expect(outcomes.over).toHaveProperty('failed');
  expect(outcomes.short).toHaveProperty('failed');
});
