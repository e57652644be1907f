import { describe, expect, it } from 'vitest';
import { SwerveError } from '../errors.ts';
import { allowedHostProblems, checkOutboundUrl, parseAllowedOutboundHosts } from './allowed-hosts.ts';

const components = ['first', 'second', 'third'];
const none = new Map<string, string>();

function hosts(entries: string[], variables: ReadonlyMap<string, string> = none) {
  return parseAllowedOutboundHosts('api', entries, variables, components);
}

describe('allowedHostProblems (manifest time)', () => {
  it('accepts good entries', () => {
    expect(allowedHostProblems(['http://x.y', '*://my.db:*'], none)).toEqual([]);
  });

  it('reports every bad entry', () => {
    expect(allowedHostProblems(['http://x.y', 'zootle! wurdl!', '*'], none)).toHaveLength(2);
  });

  it('defers templates whose variables have no default', () => {
    expect(allowedHostProblems(['http://{{ dbhost }}'], none)).toEqual([]);
  });

  it('checks templates against defaults, saying what they expand to', () => {
    const defaults = new Map([['dbhost', 'zoinks, Scooby!']]);
    expect(allowedHostProblems(['http://{{ dbhost }}'], defaults)).toEqual([
      '"http://{{ dbhost }}" expands to "http://zoinks, Scooby!", and "http://zoinks, Scooby!": "zoinks, Scooby!" is not a valid host name: it contains " ".',
    ]);
  });

  it('accepts templates that expand to good entries', () => {
    const defaults = new Map([
      ['dbhost', 'example.com'],
      ['dbport', '1234'],
    ]);
    expect(
      allowedHostProblems(['http://{{ dbhost }}', 'http://{{ dbhost }}:{{ dbport }}'], defaults),
    ).toEqual([]);
  });

  it('ignores entries that variables empty, so an endpoint can be optional', () => {
    const empty = new Map([
      ['one', ''],
      ['two', ''],
    ]);
    expect(allowedHostProblems(['https://{{ one }}', '{{ two }}', 'https://three'], empty)).toEqual([]);
  });

  it('rejects a malformed template', () => {
    expect(allowedHostProblems(['https://{{ host'], none)).toEqual([
      `"https://{{ host": unmatched '{{' in template.`,
    ]);
  });

  it('rejects insecure:allow-all with the modern spelling', () => {
    expect(allowedHostProblems(['https://a.example', 'insecure:allow-all'], none)).toEqual([
      '"insecure:allow-all" is no longer accepted: write "*://*:*" if you really want to allow all outbound traffic.',
    ]);
  });
});

describe('parseAllowedOutboundHosts (deploy time)', () => {
  it('expands *.spin.internal into one entry per component', () => {
    const parsed = hosts(['pg://localhost:5656', 'http://*.spin.internal', 'https://spinframework.dev']);
    expect(
      parsed.entries.map((e) =>
        e.host.kind === 'literal' && e.host.host.kind === 'domain' ? e.host.host.name : '?',
      ),
    ).toEqual([
      'localhost',
      'first.spin.internal',
      'second.spin.internal',
      'third.spin.internal',
      'spinframework.dev',
    ]);
  });

  it('skips entries emptied by variables', () => {
    const parsed = hosts(
      ['https://{{ one }}', '{{ two }}', 'https://three'],
      new Map([
        ['one', ''],
        ['two', ''],
      ]),
    );
    expect(parsed.entries.map((e) => e.original)).toEqual(['https://three']);
  });

  it('throws one error naming the component and every bad entry', () => {
    let error: unknown;
    try {
      hosts(['*', 'https://{{ host }}'], new Map([['host', 'bad host']]));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SwerveError);
    expect((error as SwerveError).message).toBe(
      [
        '[swerve] Component "api" has allowed_outbound_hosts that cannot be used:',
        '- "*" is not an allowed outbound host: entries are written scheme://host[:port], with * allowed in each part. To allow all outbound networking, write "*://*:*" (this turns network sandboxing off; see https://spinframework.dev/v3/http-outbound#granting-http-permissions-to-components).',
        '- "https://{{ host }}" expands to "https://bad host", and "https://bad host": "bad host" is not a valid host name: it contains " ".',
      ].join('\n'),
    );
  });
});

describe('checkOutboundUrl', () => {
  it('allows a listed destination', () => {
    expect(checkOutboundUrl(hosts(['https://api.example.com']), 'https://api.example.com/v1?x=1')).toEqual({
      allowed: true,
      target: { kind: 'network' },
    });
  });

  it('denies others and says which entry to add, and where', () => {
    expect(checkOutboundUrl(hosts(['https://api.example.com']), 'https://api.example.com:8443/v1')).toEqual({
      allowed: false,
      entryToAdd: 'https://api.example.com:8443',
      message:
        'Component "api"\'s request was denied: it may not connect to https://api.example.com:8443. To allow it, add "https://api.example.com:8443" to allowed_outbound_hosts in [component.api].',
    });
  });

  it('denies everything when the list is empty, as Spin does', () => {
    expect(checkOutboundUrl(hosts([]), 'http://example.com/')).toMatchObject({
      allowed: false,
      entryToAdd: 'http://example.com',
    });
  });

  it('treats relative URLs and self.alt as requests to the app itself', () => {
    expect(checkOutboundUrl(hosts(['http://self']), '/api/items')).toEqual({
      allowed: true,
      target: { kind: 'self' },
    });
    expect(checkOutboundUrl(hosts(['https://self.alt']), 'http://self.alt/x')).toEqual({
      allowed: true,
      target: { kind: 'self' },
    });
    expect(checkOutboundUrl(hosts(['https://example.com']), '/api/items')).toEqual({
      allowed: false,
      entryToAdd: 'http://self',
      message:
        'Component "api"\'s request was denied: it made an HTTP request to its own app without permission. To allow it, add "http://self" to allowed_outbound_hosts in [component.api].',
    });
  });

  it('routes allowed service-chaining requests to the named component', () => {
    expect(checkOutboundUrl(hosts(['http://*.spin.internal']), 'http://second.spin.internal/x')).toEqual({
      allowed: true,
      target: { kind: 'component', componentId: 'second' },
    });
    expect(
      checkOutboundUrl(hosts(['http://first.spin.internal']), 'http://second.spin.internal/x'),
    ).toMatchObject({
      allowed: false,
      entryToAdd: 'http://second.spin.internal',
    });
  });

  it('denies a URL with no valid host without suggesting an entry', () => {
    expect(checkOutboundUrl(hosts(['*://*:*']), 'http://exa mple.com/')).toEqual({
      allowed: false,
      entryToAdd: undefined,
      message: 'Component "api"\'s request to "http://exa mple.com/" was denied: the URL has no valid host.',
    });
  });
});
