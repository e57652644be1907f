import { describe, expect, it } from 'vitest';
import {
  formatIpNetwork,
  formatIpv4,
  formatIpv6,
  networkContains,
  parseIpNetwork,
  parseIpv6,
  parseStrictIpv4,
  parseWhatwgIpv4,
} from './ip-address.ts';

describe('IPv4', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['192.168.001.001', '192.168.1.1'],
    ['1.2.3.4.', '1.2.3.4'],
  ])('reads %j as the URL standard does', (text, address) => {
    const parsed = parseWhatwgIpv4(text);
    expect(parsed === undefined ? undefined : formatIpv4(parsed)).toBe(address);
  });

  it.each(['1.2.3.4.5', '256.0.0.1', '1.2.3.256', '4294967296', '09.1.1.1', '1..1', 'x.1'])(
    'refuses %j',
    (text) => {
      expect(parseWhatwgIpv4(text)).toBeUndefined();
    },
  );

  it('reads only plain dotted quads strictly, as Rust’s std does', () => {
    expect(parseStrictIpv4('10.0.0.1')).toBe(0x0a000001);
    expect(parseStrictIpv4('10.0.1')).toBeUndefined();
    expect(parseStrictIpv4('010.0.0.1')).toBeUndefined();
    expect(parseStrictIpv4('0x0a.0.0.1')).toBeUndefined();
  });
});

describe('IPv6', () => {
  it.each([
    ['::1', '::1'],
    ['::', '::'],
    ['1::', '1::'],
    ['2001:db8::1', '2001:db8::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1::3:4:5:6:7:8', '1:0:3:4:5:6:7:8'],
    ['::ffff:1.2.3.4', '::ffff:102:304'],
  ])('reads %j and writes it canonically', (text, canonical) => {
    const parsed = parseIpv6(text);
    expect(parsed === undefined ? undefined : formatIpv6(parsed)).toBe(canonical);
  });

  it.each([
    ':1',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '12345::',
    '1:2:3:4:5:6:7::8',
    '::1.2.3',
    'g::',
  ])('refuses %j', (text) => {
    expect(parseIpv6(text)).toBeUndefined();
  });
});

describe('networks', () => {
  it('clears host bits, as ip_network’s from_str_truncate does', () => {
    const network = parseIpNetwork('127.0.0.1/24');
    expect(network && formatIpNetwork(network)).toBe('127.0.0.0/24');
    const v6 = parseIpNetwork('2001:db8::1/32');
    expect(v6 && formatIpNetwork(v6)).toBe('2001:db8::/32');
  });

  it('needs a prefix length in range', () => {
    expect(parseIpNetwork('10.0.0.1')).toBeUndefined();
    expect(parseIpNetwork('10.0.0.0/33')).toBeUndefined();
    expect(parseIpNetwork('::/129')).toBeUndefined();
    expect(parseIpNetwork('10.0.0.0/')).toBeUndefined();
  });

  it('contains the addresses under its prefix, and only of its family', () => {
    const v4 = parseIpNetwork('10.1.0.0/16');
    const v6 = parseIpNetwork('ff00::/8');
    if (v4 === undefined || v6 === undefined) throw new Error('parse failed');
    expect(networkContains(v4, parseStrictIpv4('10.1.255.3') ?? 0)).toBe(true);
    expect(networkContains(v4, parseStrictIpv4('10.2.0.1') ?? 0)).toBe(false);
    expect(networkContains(v4, parseIpv6('::a01:1') ?? [])).toBe(false);
    expect(networkContains(v6, parseIpv6('ff02::1') ?? [])).toBe(true);
    expect(networkContains(v6, parseIpv6('fe80::1') ?? [])).toBe(false);
    const all = parseIpNetwork('0.0.0.0/0');
    expect(all && networkContains(all, 0xffffffff)).toBe(true);
  });
});
