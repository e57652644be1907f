/**
 * The deprecated `allowed_http_hosts` field, converted to `allowed_outbound_hosts` entries the way
 * Spin converts it (crates/manifest/src/compat.rs): each host is allowed over http and https, on
 * the given port or the scheme's default, `self` is the app itself, and `insecure:allow-all`
 * allows every HTTP host.
 */
import { parseAllowedHost } from '../outbound/allowed-host.ts';

/** The equivalent `allowed_outbound_hosts` entries, or why an entry cannot be converted. */
export function convertAllowedHttpHosts(
  hosts: readonly string[],
): { readonly ok: true; readonly hosts: string[] } | { readonly ok: false; readonly reason: string } {
  if (hosts.includes('insecure:allow-all'))
    return { ok: true, hosts: ['http://*:*', 'https://*:*', 'http://self'] };
  const converted: string[] = [];
  for (const host of hosts) {
    const schemed = /^https?:\/\/([^/]+)\/?$/i.exec(host);
    const hostAndPort = schemed === null ? host : (schemed[1] ?? '');
    if (hostAndPort === 'self') {
      converted.push('http://self');
      continue;
    }
    const valid = !host.includes('//') || schemed !== null;
    if (!valid || hostAndPort.includes('/') || !parseAllowedHost(`http://${hostAndPort}`).ok) {
      return { ok: false, reason: `${JSON.stringify(host)} is not a host or host:port` };
    }
    converted.push(`http://${hostAndPort}`, `https://${hostAndPort}`);
  }
  return { ok: true, hosts: converted };
}
