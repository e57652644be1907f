import { describe, expect, it } from 'vitest';
import { checkAllowedHost, HostCheck, hostNameOf } from './host-check.ts';

describe('hostNameOf', () => {
  it.each([
    ['127.0.0.1:3000', '127.0.0.1'],
    ['LocalHost', 'localhost'],
    ['app.localhost.:3000', 'app.localhost'],
    ['[::1]:3000', '::1'],
    ['evil.example:3000', 'evil.example'],
    [undefined, undefined],
    ['', undefined],
    ['evil.example:3000@x', undefined],
    ['a b', undefined],
  ])('%j → %j', (header, name) => {
    expect(hostNameOf(header)).toBe(name);
  });
});

describe('HostCheck', () => {
  it('answers loopback names and IP addresses by default', () => {
    const check = new HostCheck('127.0.0.1');
    for (const host of [
      '127.0.0.1:3000',
      'localhost:3000',
      'app.localhost:3000',
      '[::1]:3000',
      '192.168.1.5:3000',
    ]) {
      expect(check.allows(host)).toBe(true);
    }
  });

  it('refuses any other name (a DNS-rebinding page), and a request without a host', () => {
    const check = new HostCheck('127.0.0.1');
    for (const host of [
      'evil.example:3000',
      'localhost.evil.example',
      '127.0.0.1.evil.example',
      undefined,
      '',
    ]) {
      expect(check.allows(host)).toBe(false);
    }
  });

  it('answers the name --host gives, but a wildcard address names nothing', () => {
    expect(new HostCheck('mybox.local').allows('mybox.local:3000')).toBe(true);
    expect(new HostCheck('0.0.0.0').allows('0.0.0.0:3000')).toBe(true);
    expect(new HostCheck('0.0.0.0').allows('mybox.local:3000')).toBe(false);
    expect(new HostCheck('::').allows('evil.example')).toBe(false);
  });

  it('answers --allowed-host names; a leading dot allows the domain and its subdomains', () => {
    const check = new HostCheck('0.0.0.0', ['tunnel.example.net', '.example.com']);
    expect(check.allows('tunnel.example.net')).toBe(true);
    expect(check.allows('x.tunnel.example.net')).toBe(false);
    expect(check.allows('example.com:8080')).toBe(true);
    expect(check.allows('a.b.example.com')).toBe(true);
    expect(check.allows('badexample.com')).toBe(false);
  });

  it('says which names it serves and how to allow the one refused', () => {
    const text = new HostCheck('127.0.0.1', ['.example.com']).refusal('evil.example:3000');
    expect(text).toContain('does not serve the name evil.example');
    expect(text).toContain('localhost, *.localhost, IP addresses, .example.com');
    expect(text).toContain('start swerve up with --allowed-host evil.example');
  });
});

describe('checkAllowedHost', () => {
  it('takes a name or a .domain, and says what to give otherwise', () => {
    expect(checkAllowedHost('mybox.local')).toBeUndefined();
    expect(checkAllowedHost('.example.com')).toBeUndefined();
    expect(checkAllowedHost('*')).toMatch(
      /^--allowed-host must be a host name, as in --allowed-host mybox.local/,
    );
    expect(checkAllowedHost('http://x/')).toContain('not "http://x/"');
  });
});
