/**
 * One `allowed_outbound_hosts` entry: `scheme://host[:port]`, with `*` allowed in each part.
 *
 * The grammar and its corner cases follow Spin's `AllowedHostConfig::parse`
 * (crates/outbound-networking-config/src/allowed_hosts.rs): a port defaults to the scheme's
 * well-known one, `a..b` is a half-open range (`8000..9000` allows 8000 to 8999), a trailing `/`
 * is tolerated but a path is not, `self` / `self.alt` stand for the app itself, and a CIDR must
 * carry its prefix length. The messages are Swerve's: each says what to write instead.
 */
import { formatHost, parseHost, sameHost, type Host } from './host.ts';
import { networkContains, parseIpNetwork, type IpNetwork } from './ip-address.ts';

/** The scheme part of an entry: `*` or one scheme, compared as written. */
export type SchemePattern = { readonly kind: 'any' } | { readonly kind: 'scheme'; readonly scheme: string };

/** The host part of an entry. */
export type HostPattern =
  | { readonly kind: 'any' }
  /** `*.example.com`: any host that ends with `suffix` (which starts with a dot). */
  | { readonly kind: 'subdomain'; readonly suffix: string }
  /** `self` or `self.alt`: requests to the app itself (relative URLs, or `http://self.alt/...`). */
  | { readonly kind: 'self' }
  | { readonly kind: 'literal'; readonly host: Host }
  | { readonly kind: 'network'; readonly network: IpNetwork };

/** The port part of an entry; a missing port is the scheme's well-known one. */
export type PortPattern =
  | { readonly kind: 'any' }
  | { readonly kind: 'port'; readonly port: number }
  /** `start..end`, end excluded, as Rust ranges are. */
  | { readonly kind: 'range'; readonly start: number; readonly end: number };

/** A parsed entry, with the text it came from. */
export interface AllowedHost {
  readonly original: string;
  readonly scheme: SchemePattern;
  readonly host: HostPattern;
  readonly port: PortPattern;
}

/** The parts of a destination an entry is checked against. */
export interface Destination {
  readonly scheme: string;
  readonly host: Host;
  /** Absent when the URL gives none (or gives its scheme's default). */
  readonly port?: number;
}

/** An entry, or why the text is not one. */
export type ParsedAllowedHost =
  { readonly ok: true; readonly value: AllowedHost } | { readonly ok: false; readonly reason: string };

const WELL_KNOWN_PORTS: Readonly<Record<string, number>> = {
  postgres: 5432,
  mysql: 3306,
  redis: 6379,
  mqtt: 1883,
  http: 80,
  https: 443,
};

/** The port a scheme uses when none is written, as Spin knows them. */
export function wellKnownPort(scheme: string): number | undefined {
  return Object.hasOwn(WELL_KNOWN_PORTS, scheme) ? WELL_KNOWN_PORTS[scheme] : undefined;
}

const LEARN_MORE = 'https://spinframework.dev/v3/http-outbound#granting-http-permissions-to-components';

/** Parses one entry. The reason, when it fails, is a sentence that starts with the quoted entry. */
export function parseAllowedHost(entry: string): ParsedAllowedHost {
  const q = JSON.stringify(entry);
  const text = entry.trim();
  const schemeEnd = text.indexOf('://');
  if (schemeEnd === -1) {
    if (['*', ':', '', '?'].includes(text)) {
      return fail(
        `${q} is not an allowed outbound host: entries are written scheme://host[:port], with * allowed in each part. To allow all outbound networking, write "*://*:*" (this turns network sandboxing off; see ${LEARN_MORE}).`,
      );
    }
    return fail(`${q} has no scheme: write it with one, as in "https://${text}".`);
  }
  const scheme = text.slice(0, schemeEnd);
  const rest = text.slice(schemeEnd + 3);

  const split = splitHostAndPort(rest);
  if ('path' in split) {
    return fail(`${q}: it has a path, which entries cannot have: write "${scheme}://${split.hostAndPort}".`);
  }
  const port = parsePort(split.port, scheme);
  if (typeof port === 'string') return fail(`${q} ${port}`);
  const schemePattern = parseScheme(scheme);
  if (typeof schemePattern === 'string') return fail(`${q}: ${schemePattern}`);
  const host = parseHostPattern(split.host, scheme);
  if (typeof host === 'string') return fail(`${q}: ${host}`);
  return { ok: true, value: { original: entry, scheme: schemePattern, host, port } };
}

/** True when the entry lets a request reach `destination`. */
export function allowedHostAllows(entry: AllowedHost, destination: Destination): boolean {
  return (
    schemeAllows(entry.scheme, destination.scheme) &&
    hostAllows(entry.host, destination.host) &&
    portAllows(entry.port, destination.port ?? wellKnownPort(destination.scheme))
  );
}

/** True when the entry lets a request reach the app itself over one of `schemes`. */
export function allowedHostAllowsSelf(entry: AllowedHost, schemes: readonly string[]): boolean {
  const hostOk = entry.host.kind === 'any' || entry.host.kind === 'self';
  return hostOk && schemes.some((scheme) => schemeAllows(entry.scheme, scheme));
}

function splitHostAndPort(
  rest: string,
): { host: string; port: string } | { path: true; hostAndPort: string } {
  const colon = rest.lastIndexOf(':');
  if (colon === -1) return { host: rest, port: '' };
  const host = rest.slice(0, colon);
  const tail = rest.slice(colon + 1);
  if (tail === '') return { host, port: '' };
  // The last colon may belong to the host itself (`[::1]`, `ff00::/8`) rather than start a port.
  if (typeof parseHostPattern(rest, '') !== 'string') return { host: rest, port: '' };
  const slash = tail.indexOf('/');
  if (slash !== -1 && slash < tail.length - 1) {
    return { path: true, hostAndPort: `${host}:${tail.slice(0, slash)}` };
  }
  return { host, port: slash === -1 ? tail : tail.slice(0, slash) };
}

function parsePort(text: string, scheme: string): PortPattern | string {
  const help = `write a port from 0 to 65535, a range such as 8000..9000 (the end excluded), or * for any port`;
  if (text === '') {
    const port = wellKnownPort(scheme);
    if (port !== undefined) return { kind: 'port', port };
    return `has no port, and ${scheme === '*' ? 'a * scheme' : `the scheme ${JSON.stringify(scheme)}`} has no default one: write the port, as in "${scheme}://host:8080", or ":*" for any port.`;
  }
  if (text === '*') return { kind: 'any' };
  if (text.startsWith('{')) return `uses a port list, which is not supported: write one entry per port.`;
  const range = text.split('..');
  if (range.length === 2) {
    const [start, end] = range.map(portNumber);
    if (start !== undefined && end !== undefined) return { kind: 'range', start, end };
    return `has the port range ${JSON.stringify(text)}, which is not two numbers: ${help}.`;
  }
  const port = portNumber(text);
  if (port === undefined) return `has the port ${JSON.stringify(text)}, which is not a port number: ${help}.`;
  return { kind: 'port', port };
}

function portNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^[0-9]{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

function parseScheme(scheme: string): SchemePattern | string {
  if (scheme === '*') return { kind: 'any' };
  if (scheme.startsWith('{')) return 'scheme lists are not supported: write one entry per scheme.';
  if (!/^\p{L}+$/u.test(scheme)) {
    return `the scheme ${JSON.stringify(scheme)} may contain only letters (or be * for any scheme).`;
  }
  return { kind: 'scheme', scheme };
}

function parseHostPattern(text: string, scheme: string): HostPattern | string {
  let host = text.trim();
  if (host === '*') return { kind: 'any' };
  if (host === 'self' || host === 'self.alt') return { kind: 'self' };
  if (host.startsWith('{')) return 'host lists are not supported: write one entry per host.';
  const network = parseIpNetwork(host);
  if (network !== undefined) return { kind: 'network', network };
  if (host.endsWith('/')) host = host.slice(0, -1);
  if (host.includes('/')) {
    const [beforePath = ''] = host.split('/');
    if (/^[0-9a-f:.]+$/i.test(beforePath)) {
      return `${JSON.stringify(host)} is not a valid CIDR: write an address and a prefix length, as in "${scheme}://10.0.0.0/8".`;
    }
    return `it has a path, which entries cannot have: write "${scheme}://${beforePath}".`;
  }
  if (host.startsWith('*.')) {
    const domain = host.slice(2);
    const parsed = domain.includes('*') ? undefined : parseHost(domain);
    if (parsed?.ok !== true || parsed.host.kind !== 'domain') {
      return `a "*." wildcard must be followed by a domain name, as in "${scheme}://*.example.com"; for a range of IP addresses write a CIDR such as "${scheme}://10.0.0.0/8".`;
    }
    return { kind: 'subdomain', suffix: `.${parsed.host.name}` };
  }
  if (host.includes('*')) {
    return `* may only be the whole host or a leading "*." as in "${scheme}://*.example.com".`;
  }
  const parsed = parseHost(host);
  if (!parsed.ok) return `${parsed.reason}.`;
  return { kind: 'literal', host: parsed.host };
}

function schemeAllows(pattern: SchemePattern, scheme: string): boolean {
  return pattern.kind === 'any' || pattern.scheme === scheme;
}

function hostAllows(pattern: HostPattern, host: Host): boolean {
  switch (pattern.kind) {
    case 'any':
      return true;
    case 'subdomain':
      return host.kind === 'domain' && host.name.endsWith(pattern.suffix);
    case 'literal':
      return sameHost(pattern.host, host);
    case 'network':
      return host.kind !== 'domain' && networkContains(pattern.network, host.address);
    case 'self':
      // Self requests are relative; they are checked by allowedHostAllowsSelf.
      return false;
  }
}

function portAllows(pattern: PortPattern, port: number | undefined): boolean {
  if (pattern.kind === 'any') return true;
  if (port === undefined) return false;
  return pattern.kind === 'port' ? pattern.port === port : pattern.start <= port && port < pattern.end;
}

function fail(reason: string): ParsedAllowedHost {
  return { ok: false, reason };
}

/** `scheme://host[:port]` for a destination, as Spin prints the entry that would allow it. */
export function destinationEntry(destination: Destination): string {
  const port = destination.port === undefined ? '' : `:${destination.port}`;
  return `${destination.scheme}://${formatHost(destination.host)}${port}`;
}
