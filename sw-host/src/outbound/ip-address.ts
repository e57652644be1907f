/**
 * IPv4 and IPv6 addresses and networks, for `allowed_outbound_hosts` literals and CIDRs.
 *
 * Two IPv4 parsers on purpose: a URL host goes through the WHATWG parser (so `http://127.1` and
 * `http://0x7f.0.0.1` are 127.0.0.1, as they are to `fetch` and to the `url` crate Spin uses),
 * while a CIDR goes through the strict dotted-quad one (Spin parses CIDRs with Rust's
 * `std::net` via `ip_network`, which refuses those forms).
 */

/** An IPv4 address as an unsigned 32-bit number. */
export type Ipv4 = number;
/** An IPv6 address as eight 16-bit pieces. */
export type Ipv6 = readonly number[];

/** `ip/prefix`, with the host bits cleared (`ip_network`'s `from_str_truncate`). */
export type IpNetwork =
  | { readonly kind: 'ipv4'; readonly address: Ipv4; readonly prefix: number }
  | { readonly kind: 'ipv6'; readonly address: Ipv6; readonly prefix: number };

/** WHATWG URL IPv4 parsing (https://url.spec.whatwg.org/#concept-ipv4-parser). */
export function parseWhatwgIpv4(text: string): Ipv4 | undefined {
  const parts = text.split('.');
  if (parts.length > 1 && parts.at(-1) === '') parts.pop();
  if (parts.length > 4) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    const value = parseIpv4Number(part);
    if (value === undefined) return undefined;
    numbers.push(value);
  }
  const last = numbers.pop();
  if (last === undefined || numbers.some((n) => n > 255)) return undefined;
  if (last >= 256 ** (4 - numbers.length)) return undefined;
  return numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), last);
}

function parseIpv4Number(text: string): number | undefined {
  if (text === '') return undefined;
  let digits = text;
  let radix = 10;
  if (/^0x/i.test(digits)) {
    digits = digits.slice(2);
    radix = 16;
  } else if (digits.length > 1 && digits.startsWith('0')) {
    digits = digits.slice(1);
    radix = 8;
  }
  if (digits === '') return 0;
  const valid = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  return valid.test(digits) ? parseInt(digits, radix) : undefined;
}

/** Strict dotted-quad IPv4, as Rust's `Ipv4Addr::from_str` reads it (no leading zeros). */
export function parseStrictIpv4(text: string): Ipv4 | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/** IPv6 text (no brackets), per https://url.spec.whatwg.org/#concept-ipv6-parser. */
export function parseIpv6(text: string): Ipv6 | undefined {
  const pieces = [0, 0, 0, 0, 0, 0, 0, 0];
  let pieceIndex = 0;
  let compress: number | undefined;
  let i = 0;
  if (text.startsWith(':')) {
    if (!text.startsWith('::')) return undefined;
    i = 2;
    compress = pieceIndex = 1;
  }
  while (i < text.length) {
    if (pieceIndex === 8) return undefined;
    if (text[i] === ':') {
      if (compress !== undefined) return undefined;
      i += 1;
      compress = pieceIndex += 1;
      continue;
    }
    const hex = /^[0-9a-f]{1,4}/i.exec(text.slice(i))?.[0] ?? '';
    if (text[i + hex.length] === '.') {
      // An embedded IPv4 address fills the last two pieces.
      if (hex === '' || pieceIndex > 6) return undefined;
      const ipv4 = parseStrictIpv4(text.slice(i));
      if (ipv4 === undefined) return undefined;
      pieces[pieceIndex] = Math.floor(ipv4 / 65536);
      pieces[pieceIndex + 1] = ipv4 % 65536;
      pieceIndex += 2;
      break;
    }
    if (hex === '') return undefined;
    pieces[pieceIndex] = parseInt(hex, 16);
    pieceIndex += 1;
    i += hex.length;
    if (i < text.length) {
      if (text[i] !== ':' || i + 1 === text.length) return undefined;
      i += 1;
    }
  }
  if (compress !== undefined) {
    const moved = pieces.slice(compress, pieceIndex);
    pieces.fill(0, compress);
    pieces.splice(8 - moved.length, moved.length, ...moved);
  } else if (pieceIndex !== 8) {
    return undefined;
  }
  return pieces;
}

/** `a.b.c.d`. */
export function formatIpv4(address: Ipv4): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** The canonical IPv6 text (RFC 5952), without brackets. */
export function formatIpv6(address: Ipv6): string {
  let best = { start: -1, length: 1 };
  for (let start = 0; start < 8; start += 1) {
    let length = 0;
    while (start + length < 8 && address[start + length] === 0) length += 1;
    if (length > best.length) best = { start, length };
  }
  const hex = address.map((piece) => piece.toString(16));
  if (best.start === -1) return hex.join(':');
  const head = hex.slice(0, best.start).join(':');
  const tail = hex.slice(best.start + best.length).join(':');
  return `${head}::${tail}`;
}

/** `ip/prefix` with host bits cleared, or `undefined` when `text` is not a CIDR. */
export function parseIpNetwork(text: string): IpNetwork | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const ip = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const ipv4 = parseStrictIpv4(ip);
  if (ipv4 !== undefined) {
    if (prefix > 32) return undefined;
    return { kind: 'ipv4', address: maskIpv4(ipv4, prefix), prefix };
  }
  const ipv6 = ip.includes(':') ? parseIpv6(ip) : undefined;
  if (ipv6 === undefined || prefix > 128) return undefined;
  return { kind: 'ipv6', address: maskIpv6(ipv6, prefix), prefix };
}

/** True when the address lies in the network. */
export function networkContains(network: IpNetwork, address: Ipv4 | Ipv6): boolean {
  if (network.kind === 'ipv4') {
    return typeof address === 'number' && maskIpv4(address, network.prefix) === network.address;
  }
  if (typeof address === 'number') return false;
  const masked = maskIpv6(address, network.prefix);
  return masked.every((piece, i) => piece === network.address[i]);
}

/** `a.b.c.d/n` or `x::y/n`. */
export function formatIpNetwork(network: IpNetwork): string {
  const ip = network.kind === 'ipv4' ? formatIpv4(network.address) : formatIpv6(network.address);
  return `${ip}/${network.prefix}`;
}

function maskIpv4(address: Ipv4, prefix: number): Ipv4 {
  const hostBits = 2 ** (32 - prefix);
  return Math.floor(address / hostBits) * hostBits;
}

function maskIpv6(address: Ipv6, prefix: number): number[] {
  return address.map((piece, i) => {
    const bits = Math.min(16, Math.max(0, prefix - i * 16));
    const hostBits = 2 ** (16 - bits);
    return Math.floor(piece / hostBits) * hostBits;
  });
}
