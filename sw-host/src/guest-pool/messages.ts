/**
 * The guest pool's messages (docs/decisions/0019-parallel-guests-in-dedicated-workers.md).
 *
 * An app's host page starts a few dedicated "guest workers" and hands the service worker one
 * `MessagePort` to each, plus a control port of its own. The service worker then sends each
 * guest run straight to a guest worker (`GuestCall` below); the worker answers on the same port
 * (`GuestAnswer`). Bodies cross as transferred `ReadableStream`s, so they still stream both ways.
 *
 * - guest worker → host page, once when it starts: `GuestStarted`, with the build it runs;
 * - page → service worker (`postMessage` to the controller): `PoolAttach`, with that build;
 * - service worker → page (on the control port): `replace` (a worker is stuck: terminate it and
 *   start a fresh one), answered by `replaced` with the new worker's port and build; or `refused`
 *   (the pool's workers run another build than the service worker: the page starts fresh ones);
 * - service worker → its pages (`Client.postMessage`, after the worker restarted and lost every
 *   port): `PoolWanted`, answered by a new `PoolAttach`;
 * - host page → guest worker: `GuestConnect`, the port to serve (a new one after each restart of
 *   the service worker; the worker keeps what it has loaded).
 *
 * `GuestCall` and `GuestAnswer` carry no version of their own: a port reaches the service worker
 * only in a `PoolAttach` or `replaced` naming its worker's build, and the service worker uses it
 * only when that build is its own (sw/pool-attach.ts), so both ends always speak the same shapes.
 * A deploy of the site that a page's workers predate gets them refused, and the page restarts them
 * (host-page/guest-workers.ts).
 */
import type { Failure } from '../protocol/envelope.ts';
import { hasHeader, headed } from '../protocol/envelope.ts';
import { HOST_PROTOCOL_VERSION } from '../protocol/messages.ts';
import type { OutboundCalls } from '../protocol/outbound-calls.ts';

/** A request or response crossing a port: headers as pairs (forbidden names kept), the body streamed. */
export interface PortedRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body: ReadableStream<Uint8Array> | null;
}

export interface PortedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ReadableStream<Uint8Array> | null;
  /** The whole body instead of `body`, when the guest had written all of it (guest-pool/written-body.ts). */
  bytes?: Uint8Array;
}

/** Where a guest run's time went (runtime/guest-executor.ts's `GuestReport`, as plain data). */
export interface PortedReport {
  loadMs: number;
  instantiateMs: number;
  handleMs: number;
  /** Set when the run loaded the component (component/loaded-component.ts's `LoadTimings`). */
  load?: { fetchMs: number; compileMs: number; glueMs: number };
  ranIn?: string;
  /** The run's outgoing requests until its response began (protocol/outbound-calls.ts). */
  outbound?: OutboundCalls;
}

/** A failure crossing a port: its bare sentence and code (protocol/envelope.ts builds and reads it). */
export type PortedFailure = Failure;

/**
 * Service worker → guest worker. `Definition`: an app's definition as the host keeps it (plain
 * data: apps/app-definition.ts, a layer above this one).
 */
export type GuestCall<Definition = unknown> =
  /** The app a later run names by `definitionId`; sent once per definition and port. */
  | { kind: 'app'; definitionId: string; definition: Definition }
  | {
      kind: 'run';
      runId: number;
      definitionId: string;
      componentId: string;
      /** The request as the component sees it (runtime/guest-executor.ts's `GuestRun.request`). */
      request: PortedRequest;
    }
  /** Load a component ahead of its first run on this worker (another worker just got one). */
  | { kind: 'warm'; definitionId: string; componentId: string }
  /** The answer to a `self-request` of the guest. */
  | { kind: 'self-response'; callId: number; response: PortedResponse }
  | { kind: 'self-failure'; callId: number; failure: PortedFailure };

/** Guest worker → service worker. */
export type GuestAnswer =
  /** The run is running guest code from now on, `phase` by phase: the deadline backstop starts. */
  | { kind: 'phase'; runId: number; phase: 'instantiate' | 'handle' }
  | { kind: 'log'; runId: number; sink: 'stdout' | 'stderr' | 'warn'; message: string }
  | { kind: 'response'; runId: number; response: PortedResponse; report: PortedReport }
  | { kind: 'failure'; runId: number; failure: PortedFailure; report: PortedReport }
  /** A failure after the response began (its body is cut short). */
  | { kind: 'late-failure'; runId: number; failure: PortedFailure }
  /** The guest is done with the run (its handler returned): the worker is that much less busy. */
  | { kind: 'done'; runId: number }
  /**
   * A request the guest makes to its own app: served by the service worker's host, which knows
   * every app of the origin and every other guest worker. `chainedTo`: service chaining.
   */
  | {
      kind: 'self-request';
      runId: number;
      callId: number;
      request: PortedRequest;
      pathInApp: string;
      chainedTo?: string;
    };

interface PoolEnvelope {
  swerve: typeof HOST_PROTOCOL_VERSION;
}

export interface PoolAttach extends PoolEnvelope {
  kind: 'guest-pool';
  /** The build every one of `workers` runs (their `GuestStarted`). */
  build: string;
  control: MessagePort;
  workers: MessagePort[];
}

export interface PoolWanted extends PoolEnvelope {
  kind: 'guest-pool-wanted';
}

export interface GuestStarted extends PoolEnvelope {
  kind: 'guest-worker-started';
  build: string;
}

export type PoolControl =
  | { kind: 'replace'; index: number }
  | { kind: 'replaced'; index: number; port: MessagePort; build: string }
  /** `build`: the service worker's; `reason`: a sentence for the page's console. */
  | { kind: 'refused'; build: string; reason: string };

export interface GuestConnect {
  kind: 'connect';
  port: MessagePort;
}

export function poolAttach(build: string, control: MessagePort, workers: MessagePort[]): PoolAttach {
  return headed('guest-pool', { build, control, workers });
}

export const poolWanted = (): PoolWanted => headed('guest-pool-wanted', {});

export const guestStarted = (build: string): GuestStarted => headed('guest-worker-started', { build });

/**
 * A pool attach of any protocol version, as far as the service worker needs to answer it: its
 * control port. Whether it may be used (its version and build) is `attachPool`'s to decide.
 */
export function isPoolAttach(
  data: unknown,
): data is Partial<PoolAttach> & { kind: 'guest-pool'; swerve: unknown } {
  return (
    typeof data === 'object' &&
    data !== null &&
    'swerve' in data &&
    (data as { kind?: unknown }).kind === 'guest-pool'
  );
}

export function isPoolWanted(data: unknown): data is PoolWanted {
  return hasHeader(data, 'guest-pool-wanted');
}

/** The build a guest worker says it runs, whatever its protocol version; undefined for other messages. */
export function startedBuild(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { kind, build } = data as { kind?: unknown; build?: unknown };
  return kind === 'guest-worker-started' && typeof build === 'string' ? build : undefined;
}

/** Headers as pairs, every one kept (a `Headers` object would refuse `host`). */
export function headerPairs(headers: Headers | Iterable<readonly [string, string]>): [string, string][] {
  return [...headers].map(([name, value]): [string, string] => [name, value]);
}
