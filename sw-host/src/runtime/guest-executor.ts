/**
 * What the host asks of guest execution, and all it asks: run this component of this app for
 * this request, with these log sinks. The host (host/app-host.ts) routes and dispatches; how
 * components are loaded, instantiated and served is behind this interface (wasm-executor.ts),
 * so the host can be tested with a fake one.
 */
import type { InProcessServer } from './instance/app-outbound.ts';
import type { AppComponent, DeployedApp } from '../apps/deployed-app.ts';
import type { InstanceSinks } from './instance/instance-imports.ts';
import type { LoadTimings } from '../component/loaded-component.ts';
import type { TranspiledBytes } from '../component/transpile-component.ts';
import type { SwerveError } from '../errors.ts';
import type { IncomingRequestInit } from '../wasi/http/index.ts';
import type { OutboundCalls } from '../protocol/outbound-calls.ts';

/** Where one run's time went, in ms; a failed run reports what it did before it failed. */
export interface GuestReport {
  /** Waiting for the component to be ready: ~0 once loaded, the whole load on first use. */
  loadMs: number;
  instantiateMs: number;
  handleMs: number;
  /** Set when this run loaded the component. */
  load?: LoadTimings;
  /** The guest worker that ran it, by name; absent when the host's own thread did. */
  ranIn?: string;
  /** The outgoing HTTP requests it made until its response began; absent for none. */
  outbound?: OutboundCalls;
}

export interface GuestRun {
  app: DeployedApp;
  component: AppComponent;
  /** The request as the component sees it: the path in the app, Spin's `spin-*` headers. */
  request: IncomingRequestInit;
  /** The guest's stdout and stderr, and the host's warnings about this run. */
  sinks: InstanceSinks;
  /** Serves the requests the guest makes to its own app (requests to itself, service chaining). */
  server: InProcessServer;
  /** A failure after the response has begun (its body is cut short): for the log. */
  onLateFailure: (error: SwerveError) => void;
  /** Called as guest code starts running (instantiation, then the handler): a guest worker reports it. */
  onPhase?: (phase: 'instantiate' | 'handle') => void;
}

/**
 * How a run ended: the component's response, or why there is none (a SwerveError:
 * `deadline-exceeded`, `guest-failed`, `component-unavailable`, ...); either way with its report.
 */
export type GuestOutcome =
  | { readonly response: Response; readonly error?: undefined; readonly report: GuestReport }
  | { readonly response?: undefined; readonly error: unknown; readonly report: GuestReport };

/** The report of a run that never reached an executor. */
export const emptyReport = (): GuestReport => ({ loadMs: 0, instantiateMs: 0, handleMs: 0 });

/** The outcome's response, or its error thrown. */
export function responseOf(outcome: GuestOutcome): Response {
  if (outcome.response) return outcome.response;
  throw outcome.error;
}

export interface GuestExecutor {
  /**
   * How the run ended. The response comes from a fresh instance (Spin's semantics), as soon as
   * the guest sets it: its body streams as the guest writes it. Never rejects, and never leaves
   * the host unable to serve the next request.
   */
  execute(run: GuestRun): Promise<GuestOutcome>;
  /** Gets a component just transpiled by a deploy ready, so its first request need not. */
  preload(label: string, version: string, transpiled: TranspiledBytes): void;
}
