/**
 * The deprecated `allowed_http_hosts` field, converted to `allowed_outbound_hosts` entries the way
 * Spin converts it (crates/manifest/src/compat.rs): each host is allowed over http and https, on
 * the given port or the scheme's default, `self` is the app itself, and `insecure:allow-all`
 * allows every HTTP host.
 */
import { parseAllowedHost, wellKnownPort } from '../outbound/allowed-host.ts';

/** One entry's `allowed_outbound_hosts` equivalents, or why it cannot be converted. */
export type HttpHostConversion =
  { readonly ok: true; readonly hosts: string[] } | { readonly ok: false; readonly reason: string };

const ALLOW_ALL = 'insecure:allow-all';

/**
 * The equivalent `allowed_outbound_hosts` entries, or why the first bad entry cannot be converted.
 * With `insecure:allow-all` anywhere, the other entries are not read, as in Spin.
 */
export function convertAllowedHttpHosts(hosts: readonly string[]): HttpHostConversion {
  if (hosts.includes(ALLOW_ALL)) return allowAll();
  const converted: string[] = [];
  for (const host of hosts) {
    const one = convertAllowedHttpHost(host);
    if (!one.ok) return one;
    converted.push(...one.hosts);
  }
  return { ok: true, hosts: converted };
}

/**
 * One entry: `host`, `host:port`, or `http(s)://host[:port]` with at most a trailing `/`.
 * A port that is its scheme's default is dropped, as Spin's URL parsing drops it.
 */
export function convertAllowedHttpHost(host: string): HttpHostConversion {
  if (host === ALLOW_ALL) return allowAll();
  const schemed = /^(https?):\/\/([^/]+)\/?$/i.exec(host);
  if (schemed === null && host.includes('//')) {
    return {
      ok: false,
      reason: `${JSON.stringify(host)} is not an http(s) URL with a host and nothing after it`,
    };
  }
  const scheme = (schemed?.[1] ?? 'http').toLowerCase();
  const written = schemed === null ? host : (schemed[2] ?? '');
  if (written === 'self') return { ok: true, hosts: ['http://self'] };
  if (written.includes('/') || !parseAllowedHost(`http://${written}`).ok) {
    return { ok: false, reason: `${JSON.stringify(host)} is not a host or host:port` };
  }
  const port = /^(.+):(\d+)$/.exec(written);
  const hostAndPort =
    port !== null && Number(port[2]) === wellKnownPort(scheme) ? (port[1] ?? written) : written;
  return { ok: true, hosts: [`http://${hostAndPort}`, `https://${hostAndPort}`] };
}

function allowAll(): HttpHostConversion {
  return { ok: true, hosts: ['http://*:*', 'https://*:*', 'http://self'] };
}
