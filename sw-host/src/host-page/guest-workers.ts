/**
 * The host page's guest workers (docs/decisions/0019): where a service worker runs this origin's
 * host, the page starts a few dedicated workers and hands the service worker a port to each, so
 * guests run in parallel, off the service worker's thread, and a stuck one can be terminated.
 *
 * The page keeps the workers for its life. The service worker asks, on the control port, for a
 * stuck worker to be replaced; after a restart it has lost every port and asks for the pool again
 * (`guest-pool-wanted`): the same workers get new ports, keeping what they have loaded.
 */
import {
  isPoolWanted,
  type GuestConnect,
  type PoolAttach,
  type PoolControl,
} from '../guest-pool/messages.ts';
import { HOST_PROTOCOL_VERSION } from '../protocol/messages.ts';
import { GUEST_WORKER_PATH } from '../protocol/paths.ts';

/**
 * How many guest workers a page starts: one per core, at least 2 so one looping guest never
 * holds everything up, at most 4 because each worker compiles and keeps its own copy of every
 * component it runs (tens of MB for a JavaScript one) and more threads than cores only interleave.
 */
export function guestPoolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(2, Math.min(hardwareConcurrency || 2, 4));
}

export interface GuestPoolHandle {
  readonly size: number;
}

export function startGuestPool(): GuestPoolHandle {
  const size = guestPoolSize(navigator.hardwareConcurrency);
  const spawn = (index: number) =>
    new Worker(GUEST_WORKER_PATH, { type: 'module', name: `swerve-guest-${index + 1}` });
  const workers = Array.from({ length: size }, (_, index) => spawn(index));
  let control: MessagePort | undefined;

  /** A new channel to `worker`: one end goes to it, the other is returned for the service worker. */
  const connect = (worker: Worker): MessagePort => {
    const channel = new MessageChannel();
    const message: GuestConnect = { kind: 'connect', port: channel.port1 };
    worker.postMessage(message, [channel.port1]);
    return channel.port2;
  };

  const attach = () => {
    const controller = navigator.serviceWorker.controller;
    if (!controller) return;
    control?.close();
    const channel = new MessageChannel();
    const own = channel.port1;
    control = own;
    own.onmessage = (event: MessageEvent<PoolControl>) => {
      if (event.data.kind !== 'replace') return;
      const { index } = event.data;
      if (!workers[index]) return;
      workers[index].terminate();
      workers[index] = spawn(index);
      const port = connect(workers[index]);
      const replaced: PoolControl = { kind: 'replaced', index, port };
      own.postMessage(replaced, [port]);
    };
    const ports = workers.map(connect);
    const message: PoolAttach = {
      swerve: HOST_PROTOCOL_VERSION,
      kind: 'guest-pool',
      control: channel.port2,
      workers: ports,
    };
    controller.postMessage(message, [channel.port2, ...ports]);
  };

  attach();
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isPoolWanted(event.data)) attach();
  });
  // A new service worker (a deploy of the site) starts with no ports at all.
  navigator.serviceWorker.addEventListener('controllerchange', attach);
  navigator.serviceWorker.startMessages();
  return { size };
}
