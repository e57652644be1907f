import { describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest/index.ts';
import { baseUrlFor, isPotentiallyTrustworthy, startBanner } from './up-banner.ts';

describe('startBanner', () => {
  it('says where to open the app and lists its routes as spin up does', () => {
    const manifest = parseManifest(
      `spin_manifest_version = 2
[application]
name = "shop"
[[trigger.http]]
route = "/..."
component = "web"
[[trigger.http]]
route = "/api/:id"
component = "api"
[[trigger.http]]
route = "/files/*"
component = "api"
[[trigger.http]]
route = { private = true }
component = "internal"
[[trigger.http]]
id = "version"
route = "/version"
static_response = { body = "1" }
[component.web]
source = "web.wasm"
[component.api]
source = "api.wasm"
[component.internal]
source = "internal.wasm"
`,
      'spin.toml',
    );
    expect(startBanner('shop', 'http://127.0.0.1:3000/', manifest).slice(0, 7)).toEqual([
      'Serving shop at http://127.0.0.1:3000/ — open it in a browser',
      'Available Routes:',
      '  web: http://127.0.0.1:3000/ (wildcard)',
      '  api: http://127.0.0.1:3000/api/:id',
      '  api: http://127.0.0.1:3000/files (wildcard)',
      '  internal: (private endpoint)',
      '  version: http://127.0.0.1:3000/version',
    ]);
  });
});

describe('addresses', () => {
  it.each([
    ['127.0.0.1', 3000, 'http://127.0.0.1:3000/'],
    ['0.0.0.0', 80, 'http://localhost:80/'],
    ['::1', 3000, 'http://[::1]:3000/'],
    ['localhost', 3000, 'http://localhost:3000/'],
  ])('%s:%d is browsed at %s', (host, port, url) => {
    expect(baseUrlFor(host, port)).toBe(url);
  });

  it('knows where browsers allow service workers over http', () => {
    expect(
      ['127.0.0.1', '127.1.2.3', 'localhost', 'app.localhost', '::1'].every(isPotentiallyTrustworthy),
    ).toBe(true);
    expect(['192.168.1.10', 'example.com'].some(isPotentiallyTrustworthy)).toBe(false);
  });
});
