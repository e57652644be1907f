/**
 * Whether a connection comes from this machine. `swerve up --host 0.0.0.0` (or a LAN address)
 * lets other machines connect, and a client that is not a browser can send any header it likes,
 * the browser's marks included. The relay would then be a proxy, for anyone on the network, to
 * every host the app may reach (including those only this machine can reach), so it serves only
 * connections from this machine: its loopback addresses and its own interface addresses (a
 * browser here opening the server at this machine's LAN address connects from that address).
 */
import { networkInterfaces } from 'node:os';

function normalized(address: string): string {
  const lower = address.toLowerCase();
  // A server listening on `::` sees IPv4 peers as IPv4-mapped IPv6 addresses.
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice('::ffff:'.length) : lower;
}

/** This machine's interface addresses, read when asked: a new lease or interface counts at once. */
function ownAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => entry.address));
}

/** Whether `address` (a socket's `remoteAddress`) is this machine. */
export function isThisMachine(
  address: string | undefined,
  own: () => readonly string[] = ownAddresses,
): boolean {
  if (!address) return false;
  const peer = normalized(address);
  if (/^127\./.test(peer) || peer === '::1') return true;
  return own().some((mine) => normalized(mine) === peer);
}
