/**
 * The destination of an outgoing request: scheme, host and port, read from its URL the way the
 * URL standard reads it, so that the allow-list judges the host `fetch` will really contact.
 *
 * Mirrors Spin's `OutboundUrl::parse` (a URL without a scheme gets the default one) except in one
 * place: Spin cuts the userinfo at the first `@` before the first `/`, whatever comes between, but
 * `fetch` ends the authority at the first `/`, `?`, `#` or (in http and https URLs) `\`. Swerve
 * follows `fetch`, because the host `fetch` contacts is the one the allow-list must judge:
 * `http://good.com\@evil.com/` goes to good.com.
 */
import type { Destination } from './allowed-host.ts';
import { parseHost } from './host.ts';

// WHATWG "special" schemes and their default ports: a URL that names its scheme's default port
// has no port as far as `url.port()` (and so Spin) is concerned.
const SPECIAL_DEFAULT_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  ftp: 21,
};

/**
 * Reads the destination of `url`; `undefined` when it has no usable host (Spin denies those).
 *
 * @param defaultScheme used when `url` has no `scheme://`, as in `example.com:8080`.
 */
export function parseDestination(url: string, defaultScheme = 'https'): Destination | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `${defaultScheme}://${url}`;
  const schemeEnd = withScheme.indexOf('://');
  const scheme = withScheme.slice(0, schemeEnd).toLowerCase();
  const rest = withScheme.slice(schemeEnd + 3);

  const special = Object.hasOwn(SPECIAL_DEFAULT_PORTS, scheme);
  const authority = rest.split(special ? /[/?#\\]/ : /[/?#]/, 1)[0] ?? '';
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);

  const portStart = hostAndPort.startsWith('[') ? hostAndPort.indexOf(']:') + 1 : hostAndPort.indexOf(':');
  const hostText = portStart > 0 ? hostAndPort.slice(0, portStart) : hostAndPort;
  const portText = portStart > 0 ? hostAndPort.slice(portStart + 1) : '';

  const host = parseHost(hostText);
  if (!host.ok) return undefined;
  if (portText === '') return { scheme, host: host.host };
  if (!/^[0-9]+$/.test(portText) || Number(portText) > 65535) return undefined;
  const port = Number(portText);
  const isDefault = special && SPECIAL_DEFAULT_PORTS[scheme] === port;
  return isDefault ? { scheme, host: host.host } : { scheme, host: host.host, port };
}
