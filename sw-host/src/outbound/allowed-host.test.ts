import { describe, expect, it } from 'vitest';
import { formatHost, parseHost } from './host.ts';
import { formatIpNetwork } from './ip-address.ts';
import {
  allowedHostAllows,
  allowedHostAllowsSelf,
  parseAllowedHost,
  type AllowedHost,
  type Destination,
} from './allowed-host.ts';

/** A compact, comparable picture of a parsed entry: scheme | host | port. */
function summary(entry: string): string {
  const parsed = parseAllowedHost(entry);
  if (!parsed.ok) return `error: ${parsed.reason}`;
  const { scheme, host, port } = parsed.value;
  const s = scheme.kind === 'any' ? '*' : scheme.scheme;
  const h =
    host.kind === 'any'
      ? '*'
      : host.kind === 'self'
        ? 'self'
        : host.kind === 'subdomain'
          ? `*${host.suffix}`
          : host.kind === 'network'
            ? `cidr ${formatIpNetwork(host.network)}`
            : formatHost(host.host);
  const p = port.kind === 'any' ? '*' : port.kind === 'port' ? `${port.port}` : `${port.start}..<${port.end}`;
  return `${s} | ${h} | ${p}`;
}

describe('parseAllowedHost accepts Spin’s forms', () => {
  it.each([
    ['http://spin.fermyon.dev', 'http | spin.fermyon.dev | 80'],
    ['http://spin.fermyon.dev/', 'http | spin.fermyon.dev | 80'],
    ['https://spin.fermyon.dev', 'https | spin.fermyon.dev | 443'],
    ['http://spin.fermyon.dev:4444', 'http | spin.fermyon.dev | 4444'],
    ['http://spin.fermyon.dev:4444/', 'http | spin.fermyon.dev | 4444'],
    ['http://spin.fermyon.dev:4444..5555', 'http | spin.fermyon.dev | 4444..<5555'],
    ['http://example.com:', 'http | example.com | 80'],
    ['*://spin.fermyon.dev:7777', '* | spin.fermyon.dev | 7777'],
    ['*://*:*', '* | * | *'],
    ['https://*', 'https | * | 443'],
    ['http://self', 'http | self | 80'],
    ['http://self.alt', 'http | self | 80'],
    ['http://localhost:3001', 'http | localhost | 3001'],
    ['http://*.example.com', 'http | *.example.com | 80'],
    ['http://*.Example.COM', 'http | *.example.com | 80'],
    ['http://*.spin.internal', 'http | *.spin.internal | 80'],
    ['http://api.spin.internal', 'http | api.spin.internal | 80'],
    ['http://192.168.1.1:3002', 'http | 192.168.1.1 | 3002'],
    ['http://[::1]', 'http | [::1] | 80'],
    ['https://[::1]', 'https | [::1] | 443'],
    ['http://[::1]:8001', 'http | [::1] | 8001'],
    ['http://[::1]:*', 'http | [::1] | *'],
    ['http://[::1]:8080/', 'http | [::1] | 8080'],
    ['*://[::1]:80', '* | [::1] | 80'],
    ['*://127.0.0.0/24:80', '* | cidr 127.0.0.0/24 | 80'],
    ['*://127.0.0.1/24:63551', '* | cidr 127.0.0.0/24 | 63551'],
    ['http://10.0.0.0/8', 'http | cidr 10.0.0.0/8 | 80'],
    ['http://ff00::/8', 'http | cidr ff00::/8 | 80'],
    ['https://2001:db8::/32', 'https | cidr 2001:db8::/32 | 443'],
    ['http://2001:db8::/32:443', 'http | cidr 2001:db8::/32 | 443'],
    ['postgres://db.internal', 'postgres | db.internal | 5432'],
    ['mysql://db', 'mysql | db | 3306'],
    ['redis://cache', 'redis | cache | 6379'],
    ['mqtt://broker', 'mqtt | broker | 1883'],
    ['  https://padded.example  ', 'https | padded.example | 443'],
  ])('%j', (entry, expected) => {
    expect(summary(entry)).toBe(expected);
  });
});

describe('parseAllowedHost rejects, saying what to write instead', () => {
  it.each([
    [
      '*',
      'error: "*" is not an allowed outbound host: entries are written scheme://host[:port], with * allowed in each part. To allow all outbound networking, write "*://*:*" (this turns network sandboxing off; see https://spinframework.dev/v3/http-outbound#granting-http-permissions-to-components).',
    ],
    [
      'spin.fermyon.dev',
      'error: "spin.fermyon.dev" has no scheme: write it with one, as in "https://spin.fermyon.dev".',
    ],
    [
      'localhost:3001',
      'error: "localhost:3001" has no scheme: write it with one, as in "https://localhost:3001".',
    ],
    [
      'http://spin.fermyon.dev/a',
      'error: "http://spin.fermyon.dev/a": it has a path, which entries cannot have: write "http://spin.fermyon.dev".',
    ],
    [
      'http://spin.fermyon.dev:6666/a/b',
      'error: "http://spin.fermyon.dev:6666/a/b": it has a path, which entries cannot have: write "http://spin.fermyon.dev:6666".',
    ],
    [
      'http://example.com:99999',
      'error: "http://example.com:99999" has the port "99999", which is not a port number: write a port from 0 to 65535, a range such as 8000..9000 (the end excluded), or * for any port.',
    ],
    [
      'http://example.com:8080..',
      'error: "http://example.com:8080.." has the port range "8080..", which is not two numbers: write a port from 0 to 65535, a range such as 8000..9000 (the end excluded), or * for any port.',
    ],
    [
      '*://127.0.0.0/24',
      'error: "*://127.0.0.0/24" has no port, and a * scheme has no default one: write the port, as in "*://host:8080", or ":*" for any port.',
    ],
    [
      'tcp://example.com',
      'error: "tcp://example.com" has no port, and the scheme "tcp" has no default one: write the port, as in "tcp://host:8080", or ":*" for any port.',
    ],
    [
      'h2c://example.com:80',
      'error: "h2c://example.com:80": the scheme "h2c" may contain only letters (or be * for any scheme).',
    ],
    [
      'https://api.*.example.com',
      'error: "https://api.*.example.com": * may only be the whole host or a leading "*." as in "https://*.example.com".',
    ],
    [
      'http://*.127.0.0.1',
      'error: "http://*.127.0.0.1": a "*." wildcard must be followed by a domain name, as in "http://*.example.com"; for a range of IP addresses write a CIDR such as "http://10.0.0.0/8".',
    ],
    [
      'http://127.0.0.0/24/p',
      'error: "http://127.0.0.0/24/p": "127.0.0.0/24/p" is not a valid CIDR: write an address and a prefix length, as in "http://10.0.0.0/8".',
    ],
    [
      'http://{a,b}.com',
      'error: "http://{a,b}.com": host lists are not supported: write one entry per host.',
    ],
    [
      'http://bücher.de',
      'error: "http://bücher.de": "bücher.de" is not an ASCII host name; write international names in their punycode (xn--) form.',
    ],
  ])('%j', (entry, expected) => {
    expect(summary(entry)).toBe(expected);
  });

  // Spin's own list of malformed entries (allowed_hosts.rs): each must fail, whatever the words.
  it.each([
    'http://example.com:notaport',
    'http://self:notaport',
    'http://self.alt:notaport',
    'http://*:notaport',
    'http://127.0.0.1:notaport',
    'http://[::1]:notaport',
    'http://*.example.com:notaport',
    'http://*.example.com:8O8O',
    'http://example.com:8080/p',
    'http://*.example.com:8080/p',
    'http://*.example.com/p',
    'http://[::1junk',
    'http://*.',
    'http://*.:8080',
    'http://example%.com',
    'http://example%2.com',
    'http://example%GG.com',
    'http://exa[mple.com',
    'http://exa\\mple.com',
    'http://example.com:80:90',
    'http://[vG.example]',
    'http://[::1]/foo',
    'http://ff00::/8/extra',
    'http://[::1',
    'http://[::1]junk',
    'http://[::1]::80',
    'http://[v1.]',
    '[::1]',
    '[::1]:8080',
    'http://example.com//',
    'http://*.example.com//',
    'http://self//',
    'http://[::1]//',
    'http://*.192.168.001.001',
    'http://*.[::1]',
    ':',
    '',
    '?',
  ])('%j', (entry) => {
    expect(parseAllowedHost(entry).ok).toBe(false);
  });
});

describe('allowedHostAllows', () => {
  const entry = (text: string): AllowedHost => {
    const parsed = parseAllowedHost(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value;
  };
  const to = (scheme: string, host: string, port?: number): Destination => {
    const parsed = parseHost(host);
    if (!parsed.ok) throw new Error(parsed.reason);
    return port === undefined ? { scheme, host: parsed.host } : { scheme, host: parsed.host, port };
  };

  it.each<[string, Destination, boolean]>([
    ['https://example.com', to('https', 'example.com'), true],
    ['https://example.com', to('https', 'EXAMPLE.com'), true],
    ['https://example.com', to('http', 'example.com'), false],
    ['https://example.com', to('https', 'example.com', 8443), false],
    ['https://example.com:8443', to('https', 'example.com', 8443), true],
    ['http://example.com:8000..9000', to('http', 'example.com', 8999), true],
    ['http://example.com:8000..9000', to('http', 'example.com', 9000), false],
    ['http://example.com:8000..9000', to('http', 'example.com'), false],
    ['*://example.com:*', to('wss', 'example.com', 1), true],
    ['*://example.com:443', to('https', 'example.com'), true],
    ['*://example.com:443', to('foo', 'example.com'), false],
    ['http://*.example.com', to('http', 'a.example.com'), true],
    ['http://*.example.com', to('http', 'a.b.example.com'), true],
    ['http://*.example.com', to('http', 'example.com'), false],
    ['http://*.example.com', to('http', 'myexample.com'), false],
    ['http://*.example2.com:8383', to('http', 'a.b.example2.com'), false],
    ['http://127.0.0.1', to('http', '127.1'), true],
    ['*://127.0.0.0/24:80', to('http', '127.0.0.200'), true],
    ['*://127.0.0.0/24:80', to('http', '127.0.1.1'), false],
    ['*://127.0.0.0/24:80', to('http', 'localhost'), false],
    ['http://2001:db8::/32', to('http', '[2001:db8:abcd::1]'), true],
    ['http://2001:db8::/32', to('http', '[2001:db9::1]'), false],
    ['http://[::1]', to('http', '[0:0::1]'), true],
    ['http://[::1]', to('http', '[::2]'), false],
    ['http://*', to('http', '10.0.0.1'), true],
    ['http://self', to('http', 'self'), false],
  ])('%j allows %o: %s', (text, destination, allowed) => {
    expect(allowedHostAllows(entry(text), destination)).toBe(allowed);
  });

  it.each<[string, boolean]>([
    ['http://self', true],
    ['https://self.alt', true],
    ['*://self:*', true],
    ['http://*:*', true],
    ['redis://self', false],
    ['http://example.com', false],
  ])('%j allows requests to the app itself: %s', (text, allowed) => {
    expect(allowedHostAllowsSelf(entry(text), ['http', 'https'])).toBe(allowed);
  });
});
