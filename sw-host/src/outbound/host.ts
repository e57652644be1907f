/**
 * URL hosts, parsed the way `fetch` (and the `url` crate in Spin) parse them, so that an
 * allow-list decision is made about the host the request will really reach.
 *
 * Follows https://url.spec.whatwg.org/#host-parsing for special schemes, except that non-ASCII
 * domains are refused rather than converted with IDNA: write them in their `xn--` form.
 */
import { formatIpv4, formatIpv6, parseIpv6, parseWhatwgIpv4, type Ipv4, type Ipv6 } from './ip-address.ts';

/** A parsed host. Domains are lower-case ASCII. */
export type Host =
  | { readonly kind: 'domain'; readonly name: string }
  | { readonly kind: 'ipv4'; readonly address: Ipv4 }
  | { readonly kind: 'ipv6'; readonly address: Ipv6 };

/** A host, or why the text is not one. */
export type ParsedHost =
  { readonly ok: true; readonly host: Host } | { readonly ok: false; readonly reason: string };

// Forbidden domain code points (https://url.spec.whatwg.org/#forbidden-domain-code-point),
// besides the C0 controls, space and DEL, which are checked by code.
const FORBIDDEN = /[#%/:<>?@[\\\]^|]/;

/** Parses a URL host: `example.com`, `127.0.0.1` (and WHATWG's other IPv4 forms), `[::1]`. */
export function parseHost(text: string): ParsedHost {
  if (text.startsWith('[')) {
    const address = text.endsWith(']') ? parseIpv6(text.slice(1, -1)) : undefined;
    return address === undefined
      ? { ok: false, reason: `${JSON.stringify(text)} is not a valid IPv6 address in brackets` }
      : { ok: true, host: { kind: 'ipv6', address } };
  }
  const decoded = percentDecode(text);
  if (decoded === undefined || [...decoded].some((char) => char.charCodeAt(0) > 0x7f)) {
    return {
      ok: false,
      reason: `${JSON.stringify(text)} is not an ASCII host name; write international names in their punycode (xn--) form`,
    };
  }
  const name = decoded.toLowerCase();
  if (name === '') return { ok: false, reason: 'the host is empty' };
  const forbidden = FORBIDDEN.exec(name)?.[0] ?? [...name].find((char) => char <= ' ' || char === '\x7f');
  if (forbidden !== undefined) {
    return {
      ok: false,
      reason: `${JSON.stringify(text)} is not a valid host name: it contains ${JSON.stringify(forbidden)}`,
    };
  }
  if (endsInNumber(name)) {
    const address = parseWhatwgIpv4(name);
    return address === undefined
      ? { ok: false, reason: `${JSON.stringify(text)} looks like an IPv4 address but is not a valid one` }
      : { ok: true, host: { kind: 'ipv4', address } };
  }
  return { ok: true, host: { kind: 'domain', name } };
}

/** The host as a URL writes it: `example.com`, `127.0.0.1`, `[::1]`. */
export function formatHost(host: Host): string {
  switch (host.kind) {
    case 'domain':
      return host.name;
    case 'ipv4':
      return formatIpv4(host.address);
    case 'ipv6':
      return `[${formatIpv6(host.address)}]`;
  }
}

/** True when both are the same host. */
export function sameHost(a: Host, b: Host): boolean {
  return formatHost(a) === formatHost(b);
}

// https://url.spec.whatwg.org/#ends-in-a-number-checker
function endsInNumber(name: string): boolean {
  const labels = name.split('.');
  if (labels.at(-1) === '' && labels.length > 1) labels.pop();
  const last = labels.at(-1) ?? '';
  return /^[0-9]+$/.test(last) || /^0x[0-9a-f]*$/i.test(last);
}

/** Decodes `%XX` escapes when they spell ASCII; `undefined` when they spell anything else. */
function percentDecode(text: string): string | undefined {
  let nonAscii = false;
  const decoded = text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const code = parseInt(hex, 16);
    if (code > 0x7f) nonAscii = true;
    return String.fromCharCode(code);
  });
  return nonAscii ? undefined : decoded;
}
