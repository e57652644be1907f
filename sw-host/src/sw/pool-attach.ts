/**
 * The service worker's side of the host pages' guest pools (docs/decisions/0019): takes the
 * ports a page attaches, tells the pool when the page is gone, relays a stuck worker's
 * replacement, and after a restart (which loses every port) asks open pages for their pools.
 *
 * Only workers of this worker's own build are used. After a deploy of the site, the new service
 * worker takes over open pages (`controllerchange`), whose guest workers still run the old
 * scripts: their messages may have other shapes. Such a pool (or a replacement worker) is refused
 * with `refused`, and the page starts fresh workers of the current build (host-page/guest-workers.ts);
 * until they attach, guests run in this thread.
 */
/// <reference lib="webworker" />
import { isPoolAttach, poolWanted, type PoolAttach, type PoolControl } from '../guest-pool/messages.ts';
import { HOST_PROTOCOL_VERSION } from '../protocol/messages.ts';
import type { GuestPool } from '../guest-pool/guest-pool.ts';
import { messagePortLink } from '../guest-pool/guest-port.ts';

/** Why a pool's workers of `theirs` (a build, or a protocol version) cannot serve a worker of `build`. */
function refusal(build: string, theirs: string): PoolControl {
  return {
    kind: 'refused',
    build,
    reason:
      `The service worker (build ${build}) refused guest workers of ${theirs}: they come from another ` +
      'deploy of the site. The page starts fresh ones; until then guests run in the service worker.',
  };
}

/** Which build or protocol the attach names, when it is not this worker's; undefined when it may attach. */
function otherBuild(data: Partial<PoolAttach> & { swerve: unknown }, build: string): string | undefined {
  if (data.swerve !== HOST_PROTOCOL_VERSION) return `protocol ${String(data.swerve)}`;
  if (data.build !== build) return `build ${String(data.build)}`;
  return undefined;
}

/**
 * Attaches the pool a page sent, if `event` carries one and its workers run `build` (this
 * worker's); refuses it otherwise. Says whether `event` was a pool attach.
 */
export function attachPool(
  pool: GuestPool,
  clients: Clients,
  event: ExtendableMessageEvent,
  build: string,
): boolean {
  const data = event.data as unknown;
  if (!isPoolAttach(data)) return false;
  const source = event.source;
  const control = data.control;
  if (!(control instanceof MessagePort)) return true;
  const other = otherBuild(data, build);
  if (other !== undefined || !source || !('id' in source)) {
    // The page closes the control port when it attaches again; the workers' ports are done with.
    if (other !== undefined) control.postMessage(refusal(build, other));
    for (const port of data.workers ?? []) if (port instanceof MessagePort) port.close();
    return true;
  }
  const clientId = source.id;
  const attached = pool.attach(
    {
      alive: async () => (await clients.get(clientId)) !== undefined,
      replace: (index) => control.postMessage({ kind: 'replace', index } satisfies PoolControl),
    },
    (data.workers ?? []).map(messagePortLink),
    clientId,
  );
  control.onmessage = (message: MessageEvent<PoolControl>) => {
    if (message.data.kind !== 'replaced') return;
    if (message.data.build !== build) {
      // A fresh worker of another build (the site was deployed since the page started): the whole
      // pool goes, and the page starts workers of one build again.
      message.data.port.close();
      pool.detach(attached);
      control.postMessage(refusal(build, `build ${message.data.build}`));
      return;
    }
    pool.replaced(attached, message.data.index, messagePortLink(message.data.port));
  };
  // Where the browser tells of a port whose other end is gone, a closed page is noticed at once.
  control.addEventListener('close', () => pool.detach(attached));
  return true;
}

/** Asks every open page of this origin for its guest pool (host pages answer; others ignore it). */
export async function requestPools(clients: Clients): Promise<void> {
  const wanted = poolWanted();
  for (const client of await clients.matchAll({ type: 'window' })) client.postMessage(wanted);
}
