/**
 * The guest worker's side of the pool (docs/decisions/0019): serves the runs the service worker
 * sends on each port it is given, with a `WasmExecutor` of its own (components loaded once per
 * version, from the site or the origin's IndexedDB and Cache Storage, as the service worker
 * loads them), and sends back the response, the guest's log lines, its phases and its late
 * failures. The guest's requests to its own app go back to the service worker's host, which
 * routes them (maybe to another guest worker).
 */
import type { AppDefinition } from '../apps/app-definition.ts';
import type { InProcessServer } from '../runtime/instance/app-outbound.ts';
import { DeployedApp } from '../apps/deployed-app.ts';
import { SwerveError } from '../errors.ts';
import { errorOf, failureOf } from '../protocol/envelope.ts';
import type { GuestAnswer, GuestCall, PortedFailure } from './messages.ts';
import { emptyReport, responseOf, type GuestReport } from '../runtime/guest-executor.ts';
import { portRequest, portResponse, responseFromPort } from './ported-http.ts';
import type { WasmExecutor } from '../runtime/wasm-executor.ts';
import { watchStream } from './watched-stream.ts';
import { writtenBody } from './written-body.ts';

type Post = (answer: GuestAnswer, transfer?: Transferable[]) => void;

/** A failure to send back; anything but a `SwerveError` is a host bug: its stack goes to this console. */
function ported(error: unknown): PortedFailure {
  if (!(error instanceof SwerveError)) console.error(error);
  return failureOf(error);
}

export class GuestWorkerServer {
  /** Definition id → the app, prepared; only the newest definition of each app is kept. */
  readonly #apps = new Map<string, DeployedApp | SwerveError>();
  readonly #latest = new Map<string, string>();
  readonly #selfCalls = new Map<number, { resolve(r: Response): void; reject(e: unknown): void }>();
  #nextCall = 1;

  /** `name`: this worker's, for the request records (`ranIn`). */
  constructor(
    readonly executor: WasmExecutor,
    readonly name: string,
  ) {}

  /** Serves the calls that arrive on `port` (one per service worker life). */
  serve(port: MessagePort): void {
    const post: Post = (answer, transfer = []) => port.postMessage(answer, transfer);
    port.onmessage = (event: MessageEvent<GuestCall<AppDefinition>>) => this.#call(event.data, post);
  }

  #call(call: GuestCall<AppDefinition>, post: Post): void {
    switch (call.kind) {
      case 'app':
        this.#define(call.definitionId, call.definition);
        return;
      case 'warm': {
        const component = this.#component(call.definitionId, call.componentId);
        if (component) void this.executor.warm(component.component).catch(() => undefined);
        return;
      }
      case 'run':
        void this.#run(call, post);
        return;
      case 'self-response':
        this.#selfCalls.get(call.callId)?.resolve(responseFromPort(call.response, call.response.body));
        this.#selfCalls.delete(call.callId);
        return;
      case 'self-failure':
        this.#selfCalls.get(call.callId)?.reject(errorOf(call.failure, 'guest-failed'));
        this.#selfCalls.delete(call.callId);
        return;
    }
  }

  #define(definitionId: string, definition: AppDefinition): void {
    const previous = this.#latest.get(definition.name);
    if (previous !== undefined && previous !== definitionId) this.#apps.delete(previous);
    this.#latest.set(definition.name, definitionId);
    try {
      this.#apps.set(definitionId, DeployedApp.prepare(definition).app);
    } catch (error) {
      this.#apps.set(
        definitionId,
        error instanceof SwerveError ? error : new SwerveError('component-unavailable', String(error)),
      );
    }
  }

  #component(definitionId: string, componentId: string) {
    const app = this.#apps.get(definitionId);
    if (!(app instanceof DeployedApp)) return undefined;
    const component = app.components.get(componentId);
    return component && { app, component };
  }

  async #run(call: Extract<GuestCall, { kind: 'run' }>, post: Post): Promise<void> {
    const { runId } = call;
    let report: GuestReport = { ...emptyReport(), ranIn: this.name };
    const done = () => post({ kind: 'done', runId });
    try {
      const prepared = this.#apps.get(call.definitionId);
      if (prepared instanceof SwerveError) throw prepared;
      const found = this.#component(call.definitionId, call.componentId);
      if (!found) {
        throw new SwerveError(
          'component-unavailable',
          `A guest worker was asked to run component "${call.componentId}" of an app it was not given; ` +
            'reload the page.',
        );
      }
      const log = (sink: 'stdout' | 'stderr' | 'warn') => (message: string) =>
        post({ kind: 'log', runId, sink, message });
      const outcome = await this.executor.execute({
        app: found.app,
        component: found.component,
        request: call.request,
        sinks: { stdout: log('stdout'), stderr: log('stderr'), warn: log('warn') },
        server: this.#selfServer(runId, post),
        onLateFailure: (error) => post({ kind: 'late-failure', runId, failure: ported(error) }),
        onPhase: (phase) => post({ kind: 'phase', runId, phase }),
      });
      report = { ...outcome.report, ranIn: this.name };
      const response = responseOf(outcome);
      if (!response.body) {
        post({ kind: 'response', runId, response: portResponse(response, null), report });
        done();
        return;
      }
      const written = await writtenBody(response.body);
      if (written.kind === 'bytes') {
        const { bytes } = written;
        post({ kind: 'response', runId, response: { ...portResponse(response, null), bytes }, report }, [
          bytes.buffer,
        ]);
        done();
        return;
      }
      // The guest is done with the run once its body has ended, however it ends.
      const body = watchStream(written.stream, done).stream;
      post({ kind: 'response', runId, response: portResponse(response, body), report }, [body]);
    } catch (error) {
      post({ kind: 'failure', runId, failure: ported(error), report });
      done();
    }
  }

  /** Requests the guest of run `runId` makes to its own app: served by the service worker's host. */
  #selfServer(runId: number, post: Post): InProcessServer {
    const send = (request: Request, pathInApp: string, chainedTo?: string) =>
      new Promise<Response>((resolve, reject) => {
        const callId = this.#nextCall++;
        this.#selfCalls.set(callId, { resolve, reject });
        const ported = portRequest(request);
        post(
          { kind: 'self-request', runId, callId, request: ported, pathInApp, chainedTo },
          ported.body ? [ported.body] : [],
        );
      });
    return {
      handle: (request, _app, pathInApp) => send(request, pathInApp),
      handleChained: (request, _app, componentId) => {
        const { pathname, search } = new URL(request.url);
        return send(request, `${pathname}${search}`, componentId);
      },
    };
  }
}
