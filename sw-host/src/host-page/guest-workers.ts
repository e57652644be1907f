/**
 * The host page's guest workers (docs/decisions/0019): where a service worker runs this origin's
 * host, the page starts a few dedicated workers and hands the service worker a port to each, so
 * guests run in parallel, off the service worker's thread, and a stuck one can be terminated.
 *
 * The page keeps the workers for its life. The service worker asks, on the control port, for a
 * stuck worker to be replaced; after a restart it has lost every port and asks for the pool again
 * (`guest-pool-wanted`): the same workers get new ports, keeping what they have loaded.
 *
 * The pool is attached with the build its workers run: at once with the page's own, which workers
 * the page starts run as far as anyone can know (a worker takes a while to load, and the first
 * requests should already run in parallel), and again with the one they say when they have loaded,
 * should it differ (the site was deployed in between). A service worker of another build (the site was deployed since this page loaded, and the new
 * worker took over) refuses it: the page then starts fresh workers, which load the current
 * scripts, and attaches them if they run the refusing worker's build. If they do not (this
 * service worker is the stale one), the pool stays detached until the next `controllerchange`,
 * and guests run in the service worker meanwhile.
 */
import {
  isPoolWanted,
  poolAttach,
  startedBuild,
  type GuestConnect,
  type PoolControl,
} from '../guest-pool/messages.ts';
import { GUEST_WORKER_PATH } from '../protocol/paths.ts';

declare const __SWERVE_BUILD__: string;

/**
 * How many guest workers a page starts: one per core, at least 2 so one looping guest never
 * holds everything up, at most 4 because each worker compiles and keeps its own copy of every
 * component it runs (tens of MB for a JavaScript one) and more threads than cores only interleave.
 */
export function guestPoolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(2, Math.min(hardwareConcurrency || 2, 4));
}

/** A started guest worker: what the page does with it, and the build it says it runs. */
export interface StartedWorker {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  /** Resolves with the build from the worker's `guest-worker-started`; rejects if it fails to load. */
  readonly build: Promise<string>;
}

/** Where the pool is attached: the service worker controlling the page, when there is one. */
export type Controller = () => { postMessage(message: unknown, transfer: Transferable[]): void } | null;

/** The page's guest workers and their attachment to the controlling service worker. */
export class GuestWorkers {
  readonly #workers: StartedWorker[];
  #control: MessagePort | undefined;
  /** Bumped by each attach and restart, so that one overtaken while it waited does nothing. */
  #generation = 0;
  /** The build the workers are taken to run before they say (undefined: wait for them to say). */
  #claimed: string | undefined;

  /** `pageBuild`: this page's build, which the workers it starts with are taken to run. */
  constructor(
    readonly size: number,
    readonly spawn: (index: number) => StartedWorker,
    readonly controller: Controller,
    pageBuild: string,
    readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {
    this.#workers = Array.from({ length: size }, (_, index) => spawn(index));
    this.#claimed = pageBuild;
  }

  /**
   * Hands the controlling service worker a port to each worker: at once when their build is known
   * or taken to be the page's (and checked when they say it), else once all have said it.
   * `expected`: attach only if that is their build (after a refusal: the refusing worker's).
   * `mayRestart`: workers of mixed builds are started again (once; a restart attaches without it).
   */
  async attach(expected?: string, mayRestart = true): Promise<void> {
    const generation = ++this.#generation;
    if (expected === undefined && this.#claimed !== undefined) {
      this.#post(this.#claimed);
      await this.#verify(generation, this.#claimed);
      return;
    }
    let builds: string[];
    try {
      builds = await Promise.all(this.#workers.map((worker) => worker.build));
    } catch (error) {
      this.warn(
        `[swerve] Guest workers did not start, so guests run in the service worker: ${String(error)}`,
      );
      return;
    }
    if (generation !== this.#generation) return;
    const build = builds[0]!;
    if (builds.some((other) => other !== build)) {
      // Some replaced worker loaded a later deploy's scripts: start them all again, of one build.
      if (mayRestart) await this.restart(expected);
      else this.warn(`[swerve] Guest workers started with builds ${builds.join(', ')}: not attached.`);
      return;
    }
    if (expected !== undefined && build !== expected) {
      this.warn(
        `[swerve] Fresh guest workers run build ${build}, the service worker ${expected}: not attached; ` +
          'guests run in the service worker until it is updated.',
      );
      return;
    }
    this.#claimed = build;
    this.#post(build);
  }

  /** Once the workers say their build: attached again with it, if it is not the one claimed. */
  async #verify(generation: number, claimed: string): Promise<void> {
    const builds = await Promise.all(this.#workers.map((worker) => worker.build)).catch(() => undefined);
    // A worker that failed to load is not a build to compare (`attach` says so when it waits).
    if (generation !== this.#generation || !builds || builds.every((build) => build === claimed)) return;
    this.#claimed = undefined;
    await this.attach();
  }

  /** Hands the controlling service worker a port to each worker, attached as running `build`. */
  #post(build: string): void {
    const controller = this.controller();
    if (!controller) return;
    this.#control?.close();
    const channel = new MessageChannel();
    const own = channel.port1;
    this.#control = own;
    own.onmessage = (event: MessageEvent<PoolControl>) => void this.#controlled(own, event.data);
    const ports = this.#workers.map((worker) => connect(worker));
    controller.postMessage(poolAttach(build, channel.port2, ports), [channel.port2, ...ports]);
  }

  /** Terminates every worker and starts fresh ones, then attaches them if they run `expected`. */
  async restart(expected?: string): Promise<void> {
    this.#control?.close();
    this.#control = undefined;
    this.#claimed = undefined;
    for (let index = 0; index < this.size; index++) {
      this.#workers[index]!.terminate();
      this.#workers[index] = this.spawn(index);
    }
    await this.attach(expected, false);
  }

  async #controlled(own: MessagePort, message: PoolControl): Promise<void> {
    if (own !== this.#control) return;
    if (message.kind === 'refused') {
      this.warn(`[swerve] ${message.reason}`);
      await this.restart(message.build);
      return;
    }
    if (message.kind !== 'replace') return;
    const { index } = message;
    if (!this.#workers[index]) return;
    this.#workers[index].terminate();
    const fresh = this.spawn(index);
    this.#workers[index] = fresh;
    let build: string;
    try {
      build = await fresh.build;
    } catch (error) {
      this.warn(`[swerve] A replacement guest worker did not start: ${String(error)}`);
      return;
    }
    if (own !== this.#control || this.#workers[index] !== fresh) return;
    const port = connect(fresh);
    const replaced: PoolControl = { kind: 'replaced', index, port, build };
    own.postMessage(replaced, [port]);
  }
}

/** A new channel to `worker`: one end goes to it, the other is returned for the service worker. */
function connect(worker: StartedWorker): MessagePort {
  const channel = new MessageChannel();
  const message: GuestConnect = { kind: 'connect', port: channel.port1 };
  worker.postMessage(message, [channel.port1]);
  return channel.port2;
}

/** A guest worker of this origin, and the build it says it runs. */
function spawnGuestWorker(index: number): StartedWorker {
  const worker = new Worker(GUEST_WORKER_PATH, { type: 'module', name: `swerve-guest-${index + 1}` });
  const build = new Promise<string>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      const said = startedBuild(event.data);
      if (said !== undefined) resolve(said);
    });
    worker.addEventListener('error', (event) =>
      reject(new Error(event.message || 'the worker failed to load')),
    );
  });
  // An unhandled rejection for a worker nobody waits on any more (terminated) is noise.
  build.catch(() => undefined);
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    terminate: () => worker.terminate(),
    build,
  };
}

export interface GuestPoolHandle {
  readonly size: number;
}

export function startGuestPool(): GuestPoolHandle {
  const workers = new GuestWorkers(
    guestPoolSize(navigator.hardwareConcurrency),
    spawnGuestWorker,
    () => navigator.serviceWorker.controller,
    __SWERVE_BUILD__,
  );
  void workers.attach();
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isPoolWanted(event.data)) void workers.attach();
  });
  // A new service worker (a deploy of the site) starts with no ports at all.
  navigator.serviceWorker.addEventListener('controllerchange', () => void workers.attach());
  navigator.serviceWorker.startMessages();
  return workers;
}
