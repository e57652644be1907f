import { describe, expect, it } from 'vitest';
import { formatHost, parseHost } from './host.ts';

describe('parseHost', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.COM', 'example.com'],
    ['ex%61mple.com', 'example.com'],
    ['127.1', '127.0.0.1'],
    ['0x7F.0.0.1', '127.0.0.1'],
    ['[::1]', '[::1]'],
    ['[2001:DB8::1]', '[2001:db8::1]'],
    ['localhost', 'localhost'],
  ])('reads %j as %j', (text, formatted) => {
    const parsed = parseHost(text);
    expect(parsed.ok && formatHost(parsed.host)).toBe(formatted);
  });

  it.each([
    ['', 'the host is empty'],
    ['exa[mple.com', '"exa[mple.com" is not a valid host name: it contains "["'],
    ['exa\\mple.com', '"exa\\\\mple.com" is not a valid host name: it contains "\\\\"'],
    ['example%.com', '"example%.com" is not a valid host name: it contains "%"'],
    ['a b', '"a b" is not a valid host name: it contains " "'],
    ['1.2.3.999', '"1.2.3.999" looks like an IPv4 address but is not a valid one'],
    ['[::1', '"[::1" is not a valid IPv6 address in brackets'],
    ['[vG.example]', '"[vG.example]" is not a valid IPv6 address in brackets'],
    [
      'bücher.de',
      '"bücher.de" is not an ASCII host name; write international names in their punycode (xn--) form',
    ],
  ])('refuses %j', (text, reason) => {
    expect(parseHost(text)).toEqual({ ok: false, reason });
  });
});
