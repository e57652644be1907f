/**
 * The service worker's side of the host pages' guest pools (docs/decisions/0019): takes the
 * ports a page attaches, tells the pool when the page is gone, relays a stuck worker's
 * replacement, and after a restart (which loses every port) asks open pages for their pools.
 */
/// <reference lib="webworker" />
import { isPoolAttach, type PoolControl, type PoolWanted } from '../guest-pool/messages.ts';
import { HOST_PROTOCOL_VERSION } from '../protocol/messages.ts';
import type { GuestPool } from '../guest-pool/guest-pool.ts';
import { messagePortLink } from '../guest-pool/guest-port.ts';

/** Attaches the pool a page sent, if `event` carries one; says whether it did. */
export function attachPool(pool: GuestPool, clients: Clients, event: ExtendableMessageEvent): boolean {
  if (!isPoolAttach(event.data)) return false;
  const source = event.source;
  if (!source || !('id' in source)) return true;
  const { control, workers } = event.data;
  const clientId = source.id;
  const attached = pool.attach(
    {
      alive: async () => (await clients.get(clientId)) !== undefined,
      replace: (index) => control.postMessage({ kind: 'replace', index } satisfies PoolControl),
    },
    workers.map(messagePortLink),
    clientId,
  );
  control.onmessage = (message: MessageEvent<PoolControl>) => {
    if (message.data.kind === 'replaced') {
      pool.replaced(attached, message.data.index, messagePortLink(message.data.port));
    }
  };
  // Where the browser tells of a port whose other end is gone, a closed page is noticed at once.
  control.addEventListener('close', () => pool.detach(attached));
  return true;
}

/** Asks every open page of this origin for its guest pool (host pages answer; others ignore it). */
export async function requestPools(clients: Clients): Promise<void> {
  const wanted: PoolWanted = { swerve: HOST_PROTOCOL_VERSION, kind: 'guest-pool-wanted' };
  for (const client of await clients.matchAll({ type: 'window' })) client.postMessage(wanted);
}
