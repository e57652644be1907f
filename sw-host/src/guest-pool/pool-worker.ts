/**
 * One guest worker as the service worker sees it: the port to it, the runs it has in flight,
 * and what it has been sent. It turns a `GuestRun` into messages (guest-pool/messages.ts) and
 * the worker's answers back into the run's response, log lines and late failures, and serves
 * the guest's requests to its own app with the run's server (the service worker's host).
 *
 * The deadline backstop: from each phase of guest code the worker reports, the run must be
 * answered within its deadline plus a margin. The instrumented deadline stops a guest inside the
 * worker well before that; a worker that still says nothing is stuck where instrumentation cannot
 * reach (a long synchronous host call), and `onStuck` has the pool replace it.
 */
import type { AppDefinition } from '../apps/app-definition.ts';
import { errorOf, failureOf } from '../protocol/envelope.ts';
import { headerPairs, type GuestAnswer } from './messages.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../core-wasm/guest-deadline.ts';
import type { GuestOutcome, GuestRun } from '../runtime/guest-executor.ts';
import type { GuestPort } from './guest-port.ts';
import { portResponse, requestFromPort, responseFromPort } from './ported-http.ts';
import { watchStream, type WatchedStream } from './watched-stream.ts';

/** A run sent to a guest worker, until the worker says it is done with it. */
export interface PoolRun {
  readonly id: number;
  readonly run: GuestRun;
  /** `queued`: no guest code has run for it yet, so it can be run elsewhere without harm. */
  phase: 'queued' | 'instantiate' | 'handle';
  /** Whether its response (or failure) came. */
  answered: boolean;
  /** Its response body, while it streams. */
  body?: WatchedStream;
  /** Whether it has been retried once already, after losing a worker. */
  retried: boolean;
  /** Ends the run with its outcome. */
  settle(outcome: GuestOutcome): void;
  backstop?: ReturnType<typeof setTimeout>;
}

export class PoolWorker {
  readonly runs = new Map<number, PoolRun>();
  /** No new runs (stuck and being replaced, or its page attached a newer pool). */
  retired = false;
  readonly #definitions = new Set<string>();
  readonly #components = new Set<string>();
  readonly #selfCalls = new Map<number, AbortController>();

  constructor(
    readonly port: GuestPort,
    readonly backstopMarginMs: number,
    readonly onStuck: (worker: PoolWorker) => void,
  ) {
    port.listen((answer) => this.#answer(answer));
  }

  /** Whether this worker has run or warmed `componentId` of that definition. */
  knows(definitionId: string, componentId: string): boolean {
    return this.#components.has(`${definitionId}/${componentId}`);
  }

  /** Has the worker load a component before its first run there. */
  warm(definitionId: string, definition: AppDefinition, componentId: string): void {
    this.#define(definitionId, definition);
    this.#components.add(`${definitionId}/${componentId}`);
    this.port.post({ kind: 'warm', definitionId, componentId }, []);
  }

  /** Sends `entry` (made by the pool) to the worker. */
  start(entry: PoolRun, definitionId: string): void {
    const { run } = entry;
    this.#define(definitionId, run.app.definition);
    this.#components.add(`${definitionId}/${run.component.id}`);
    this.runs.set(entry.id, entry);
    const { url, method, headers, body } = run.request;
    this.port.post(
      {
        kind: 'run',
        runId: entry.id,
        definitionId,
        componentId: run.component.id,
        request: { url, method, headers: headerPairs(headers), body },
      },
      body ? [body] : [],
    );
  }

  /** Forgets every run (the worker is gone or stuck) and returns them for the pool to settle. */
  lose(): PoolRun[] {
    const lost = [...this.runs.values()];
    for (const entry of lost) clearTimeout(entry.backstop);
    this.runs.clear();
    for (const call of this.#selfCalls.values()) call.abort();
    this.#selfCalls.clear();
    this.retired = true;
    this.port.close();
    return lost;
  }

  #define(definitionId: string, definition: AppDefinition): void {
    if (this.#definitions.has(definitionId)) return;
    this.#definitions.add(definitionId);
    this.port.post({ kind: 'app', definitionId, definition }, []);
  }

  #answer(answer: GuestAnswer): void {
    const entry = this.runs.get(answer.runId);
    if (!entry) return;
    const { run } = entry;
    switch (answer.kind) {
      case 'phase': {
        entry.phase = answer.phase;
        clearTimeout(entry.backstop);
        const timeout = run.app.definition.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
        entry.backstop = setTimeout(() => this.onStuck(this), timeout + this.backstopMarginMs);
        return;
      }
      case 'log':
        run.sinks[answer.sink](answer.message);
        return;
      case 'response': {
        entry.answered = true;
        const { body, bytes } = answer.response;
        entry.body = body ? watchStream(body, () => (entry.body = undefined)) : undefined;
        const stream = entry.body?.stream ?? (bytes as Uint8Array<ArrayBuffer>) ?? null;
        entry.settle({ response: responseFromPort(answer.response, stream), report: answer.report });
        return;
      }
      case 'failure':
        entry.answered = true;
        entry.settle({ error: errorOf(answer.failure, 'guest-failed'), report: answer.report });
        return;
      case 'late-failure':
        run.onLateFailure(errorOf(answer.failure, 'guest-failed'));
        return;
      case 'done':
        clearTimeout(entry.backstop);
        this.runs.delete(entry.id);
        return;
      case 'self-request':
        void this.#serveSelf(entry, answer);
        return;
    }
  }

  /** A guest's request to its own app, served by the host that dispatched the run. */
  async #serveSelf(entry: PoolRun, call: Extract<GuestAnswer, { kind: 'self-request' }>): Promise<void> {
    const { run } = entry;
    const abort = new AbortController();
    this.#selfCalls.set(call.callId, abort);
    try {
      const request = requestFromPort(call.request);
      const response = await (call.chainedTo === undefined
        ? run.server.handle(request, run.app, call.pathInApp)
        : run.server.handleChained(request, run.app, call.chainedTo));
      if (abort.signal.aborted) {
        void response.body?.cancel();
        return;
      }
      this.port.post(
        { kind: 'self-response', callId: call.callId, response: portResponse(response, response.body) },
        response.body ? [response.body] : [],
      );
    } catch (error) {
      if (abort.signal.aborted) return;
      this.port.post(
        {
          kind: 'self-failure',
          callId: call.callId,
          failure: failureOf(error),
        },
        [],
      );
    } finally {
      this.#selfCalls.delete(call.callId);
    }
  }
}
