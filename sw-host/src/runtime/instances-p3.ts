/**
 * Serves requests to WASI 0.3 components with reused instances, as Spin 4 does: an instance pool
 * (instance-pool-p3.ts) per deployed component, instances shared by up to 16 requests at once and
 * 128 in all, each request bounded by the app's request timeout (deadline-p3.ts). A component
 * built for the release candidate gets a fresh instance per request, as Spin's main branch gives it. A request that
 * traps or passes its deadline discards its instance; the next request gets a fresh one.
 *
 * A WASI 0.3 instance's imports (runtime/instance/instance-imports-p3.ts) hold nothing of the request that
 * made it. Its output goes to the log of the request it serves: the
 * latest one still in flight, else the last one (Spin logs a component's output, not a
 * request's, so this attribution is Swerve's own; with requests at once it is a best guess).
 * Its requests to its own app are served through that request's server, likewise.
 * Pools belong to one deployed app: a redeploy, or another app with the same binary, starts
 * from fresh instances.
 */
import type { InProcessServer } from './instance/app-outbound.ts';
import type { AppComponent, DeployedApp } from '../apps/deployed-app.ts';
import type { InstanceSinks } from './instance/instance-imports.ts';
import type { LoadedComponent } from '../component/loaded-component.ts';
import { SwerveError } from '../errors.ts';
import { requestFailure } from './serve-request.ts';
import { p3InstanceImports } from './instance/instance-imports-p3.ts';
import {
  findP3Handle,
  P3ErrorCode,
  serveP3Request,
  type P3Handle,
  type ServedResponse,
} from '../wasi/http-p3/index.ts';
import type { GuestReport, GuestRun } from './guest-executor.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../core-wasm/guest-deadline.ts';
import { P3InstanceDeadline } from './deadline-p3.ts';
import {
  P3InstancePool,
  SPIN_P3_RC_INSTANCES,
  SPIN_P3_REUSE,
  type P3PoolLimits,
} from './instance-pool-p3.ts';

interface P3Instance {
  readonly handle: P3Handle;
  readonly deadline: P3InstanceDeadline;
  readonly output: OutputRouting;
}

/** What of the request an instance serves its imports use: its log, its requests to its app. */
interface ServedRun {
  readonly sinks: InstanceSinks;
  readonly server: InProcessServer;
}

/** Whose log an instance's output goes to, and who serves its requests to its own app. */
class OutputRouting {
  readonly #serving: ServedRun[] = [];
  #last: ServedRun | undefined;

  /** The request now served, else the last one; before the first request, none. */
  #run = (): ServedRun => this.#serving.at(-1) ?? this.#last ?? NO_RUN;

  /** The sinks of the request now served; a no-op sink before the first request. */
  readonly current = (): InstanceSinks => this.#run().sinks;

  /** The in-process server of the request now served. */
  readonly server = (): InProcessServer => this.#run().server;

  /** Routes output (and requests to the app) to `run` until the returned function is called. */
  serve(run: ServedRun): () => void {
    this.#serving.push(run);
    this.#last = run;
    return () => {
      const index = this.#serving.indexOf(run);
      if (index >= 0) this.#serving.splice(index, 1);
    };
  }
}

const SILENT: InstanceSinks = { stdout: () => undefined, stderr: () => undefined, warn: () => undefined };

/** A start function's request to its own app, before any request: nothing to serve it with. */
const notServing = (): Promise<Response> =>
  Promise.reject(
    new Error('The instance is serving no request: it cannot make requests to its own app yet.'),
  );

const NO_RUN: ServedRun = { sinks: SILENT, server: { handle: notServing, handleChained: notServing } };

export class P3Instances {
  readonly #pools = new WeakMap<DeployedApp, Map<string, P3InstancePool<P3Instance>>>();

  constructor(
    readonly limits: P3PoolLimits = SPIN_P3_REUSE,
    /** For a component built for the release candidate, which Spin does not reuse. */
    readonly releaseCandidateLimits: P3PoolLimits = SPIN_P3_RC_INSTANCES,
  ) {}

  /**
   * The response of `loaded` (a WASI 0.3 component) to `run.request`, as GuestExecutor says,
   * recording its instantiation and handling times in `report` (the executor's, for this run).
   */
  async execute(loaded: LoadedComponent, run: GuestRun, report: GuestReport): Promise<Response> {
    const { app, component, request, sinks, server, onLateFailure, onPhase } = run;
    const timeoutMs = app.definition.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const failed = (error: unknown) => requestFailure(error, request, component.label);

    const instantiateStarted = performance.now();
    onPhase?.('instantiate');
    let lease;
    try {
      lease = await this.#pool(app, component, loaded, timeoutMs).acquire();
    } catch (error) {
      throw failed(error);
    }
    report.instantiateMs = lease.fresh ? performance.now() - instantiateStarted : 0;

    const handleStarted = performance.now();
    onPhase?.('handle');
    const { handle, deadline, output } = lease.instance;
    const stopServing = output.serve({ sinks, server });
    let served: ServedResponse | undefined;
    let responded!: (served: ServedResponse) => void;
    const response = new Promise<ServedResponse>((resolve) => (responded = resolve));
    // The deadline covers the whole task: the guest may go on writing after it has answered.
    const task = deadline.run(timeoutMs, async () => {
      served = await serveP3Request(handle, request);
      responded(served);
      await served.finished;
    });
    const outcome = task.then(
      () => {
        stopServing();
        lease.release();
        return undefined;
      },
      (error: unknown) => {
        stopServing();
        // An error code is the guest's answer; anything else may have left the instance
        // half-way (a trap, a deadline, a response the host could not use).
        lease.release({ discard: !(error instanceof P3ErrorCode) });
        const failure = failed(error);
        if (served) {
          served.abort(failure);
          onLateFailure(failure);
        }
        return failure;
      },
    );
    try {
      const first = await Promise.race([response, outcome]);
      if (first instanceof SwerveError) {
        if (!(first.cause instanceof P3ErrorCode)) throw first;
        // As for WASI 0.2: an error code is answered 500, and logged.
        onLateFailure(first);
        return new Response(null, { status: 500 });
      }
      return (first ?? (await response)).response;
    } finally {
      report.handleMs = performance.now() - handleStarted;
    }
  }

  #pool(
    app: DeployedApp,
    component: AppComponent,
    loaded: LoadedComponent,
    timeoutMs: number,
  ): P3InstancePool<P3Instance> {
    let pools = this.#pools.get(app);
    if (!pools) this.#pools.set(app, (pools = new Map()));
    const key = `${component.label}@${loaded.version}`;
    let pool = pools.get(key);
    if (!pool) {
      const limits = loaded.wasiP3ReleaseCandidate ? this.releaseCandidateLimits : this.limits;
      pool = new P3InstancePool(() => instantiateP3(app, component, loaded, timeoutMs), limits);
      pools.set(key, pool);
    }
    return pool;
  }
}

/** A new instance; the request timeout bounds its instantiation too (a start function may loop). */
async function instantiateP3(
  app: DeployedApp,
  component: AppComponent,
  loaded: LoadedComponent,
  timeoutMs: number,
): Promise<P3Instance> {
  const deadline = new P3InstanceDeadline();
  const output = new OutputRouting();
  const imports = p3InstanceImports({
    app,
    component,
    sinks: output.current,
    server: output.server,
    deadline,
  });
  const instance = await deadline.run(timeoutMs, () => loaded.instantiate(imports, deadline));
  return { handle: findP3Handle(instance.exports, loaded.label), deadline, output };
}
