import { describe, expect, it } from 'vitest';
import { isThisMachine } from './local-peer.ts';

const own = () => ['127.0.0.1', '::1', '192.168.1.5', 'fe80::1'];

describe('isThisMachine', () => {
  it('is true for loopback and for this machine’s own addresses, IPv4-mapped or not', () => {
    for (const address of [
      '127.0.0.1',
      '127.0.0.2',
      '::1',
      '::ffff:127.0.0.1',
      '192.168.1.5',
      '::ffff:192.168.1.5',
      'FE80::1',
    ]) {
      expect(isThisMachine(address, own)).toBe(true);
    }
  });

  it('is false for other machines and unknown peers', () => {
    for (const address of ['192.168.1.6', '::ffff:10.0.0.2', '2001:db8::1', undefined, '']) {
      expect(isThisMachine(address, own)).toBe(false);
    }
  });

  it("reads this machine's addresses itself by default", () => {
    expect(isThisMachine('127.0.0.1')).toBe(true);
  });
});
