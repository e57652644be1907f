import { describe, expect, it } from 'vitest';
import { destinationEntry } from './allowed-host.ts';
import { parseDestination } from './outbound-url.ts';

describe('parseDestination', () => {
  it.each([
    ['https://example.com/path?q=1', 'https://example.com'],
    ['http://Example.COM:8080/', 'http://example.com:8080'],
    // A scheme's default port is no port, as url::Url::port() says.
    ['https://example.com:443/x', 'https://example.com'],
    ['http://example.com:80', 'http://example.com'],
    ['postgres://db:5432', 'postgres://db:5432'],
    ['http://[::1]:8080/x', 'http://[::1]:8080'],
    ['http://[::1]/x', 'http://[::1]'],
    ['http://127.1/', 'http://127.0.0.1'],
    // No scheme: the default one is assumed.
    ['example.com:8080', 'https://example.com:8080'],
    // `@` in the path is not userinfo.
    ['https://example.com/file@0.1.0.json', 'https://example.com'],
    ['https://user:password@example.com/file@0.1.0.json', 'https://example.com'],
    ['mysql://user%3Apass%23word@xyz.com', 'mysql://xyz.com'],
    // `\` ends the authority, as it does for fetch: the request goes to good.com, not evil.com.
    ['http://good.com\\@evil.com/', 'http://good.com'],
    ['http://api.spin.internal/x', 'http://api.spin.internal'],
  ])('%j goes to %j', (url, entry) => {
    const destination = parseDestination(url);
    expect(destination && destinationEntry(destination)).toBe(entry);
  });

  // Spin reads past the `#` (it encodes the userinfo first); fetch, and so Swerve, does not.
  it.each([
    'mysql://user:pass#word@xyz.com',
    'http://',
    'http:///x',
    'http://exa mple.com/',
    'http://example.com:99999/',
    'http://example.com:x/',
  ])('%j has no usable destination', (url) => {
    expect(parseDestination(url)).toBeUndefined();
  });
});
