// `app.fetch` takes what Playwright's `request.fetch` takes, and answers the way its responses do.
// The echo component returns what the host handed it, so each test sees the encoded request.
import { expect, test } from '@swerve/playwright';

test.use({ spinApp: 'apps/echo' });

interface Echo {
  method: string;
  pathWithQuery: string;
  headers: Record<string, string>;
  body: string;
}

test('an object in data arrives as JSON, params in the query', async ({ app }) => {
  const res = await app.fetch<Echo>('/items?sort=name', {
    method: 'POST',
    params: { page: 2, q: 'a b' },
    data: { name: 'spin', tags: ['wasm'] },
  });
  expect(res.ok()).toBe(true);
  expect(res.status()).toBe(200);
  expect(res.url()).toBe(app.url('/items?sort=name&page=2&q=a+b'));
  const echo = await res.json();
  expect(echo.method).toBe('POST');
  expect(echo.pathWithQuery).toBe('/items?sort=name&page=2&q=a+b');
  expect(echo.headers['content-type']).toBe('application/json');
  expect(JSON.parse(echo.body)).toEqual({ name: 'spin', tags: ['wasm'] });
});

test('form arrives url-encoded', async ({ app }) => {
  const echo = await (
    await app.fetch<Echo>('/login', { method: 'POST', form: { user: 'ann', remember: true } })
  ).json();
  expect(echo.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(echo.body).toBe('user=ann&remember=true');
});

test('multipart arrives as form data with its file', async ({ app }) => {
  const res = await app.fetch<Echo>('/upload', {
    method: 'POST',
    headers: { 'x-trace': 'upload-1' },
    multipart: {
      title: 'notes',
      file: { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('line one\n') },
    },
  });
  const echo = await res.json();
  expect(echo.headers['x-trace']).toBe('upload-1');
  const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(echo.headers['content-type'] ?? '')?.[1];
  expect(boundary).toBeTruthy();
  // Parsed back as the app's own code would, from exactly the bytes it received.
  const form = await new Response(echo.body, {
    headers: { 'content-type': echo.headers['content-type']! },
  }).formData();
  expect(form.get('title')).toBe('notes');
  const file = form.get('file') as File;
  expect([file.name, file.type, await file.text()]).toEqual(['notes.txt', 'text/plain', 'line one\n']);
});

// The request is a fetch() of a page at the app's own origin, which the app's service worker
// answers: the app sees what a server behind a browser would for one of its own pages' requests.
test('the app sees a request of its own pages: same-origin, from its root', async ({ app }) => {
  const echo = await (await app.fetch<Echo>('/save', { method: 'PUT', data: 'x' })).json();
  expect(echo.headers).toMatchObject({
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'cors',
    'sec-fetch-dest': 'empty',
    origin: app.origin,
    referer: app.url('/'),
  });
});

// A body over 64 KiB crosses through the kit's server rather than inside Playwright's evaluate,
// both ways: every byte arrives and comes back, whichever way the host runs.
for (const serviceWorkers of ['allow', 'block'] as const) {
  test.describe(`host in a ${serviceWorkers === 'allow' ? 'service worker' : 'dedicated worker'}`, () => {
    test.use({ serviceWorkers });

    test('a large body arrives whole, and its echo comes back whole', async ({ app }) => {
      const text = 'ünïcødé ✓ '.repeat(10_000); // 150 KB of UTF-8, two- and three-byte characters
      const res = await app.fetch<Echo>('/large', { method: 'POST', data: text });
      expect(res.status()).toBe(200);
      const echo = await res.json();
      expect(echo.headers['content-length']).toBe(String(Buffer.byteLength(text)));
      expect(echo.body).toBe(text);
    });
  });
}
