/**
 * Runs guests in this thread: each component is loaded once per version (core modules compiled,
 * glue evaluated), and each request gets a fresh instance with imports of its own and a deadline
 * (core-wasm/guest-deadline.ts), its memories taken from the component's pools (core-wasm/memory-pool.ts).
 *
 * WASI 0.3 components are the exception: their instances are reused, as Spin 4 reuses them
 * (instances-p3.ts).
 *
 * No instance is made ahead of time: at about a millisecond an instance costs about what keeping
 * a spare ready would cost after every response, on the same thread, when the next request may
 * already be waiting (docs/decisions/0013-no-spare-instances.md).
 */
import type { AppStore } from '../apps/app-store.ts';
import type { AppComponent } from '../apps/deployed-app.ts';
import { instanceImports } from './instance/instance-imports.ts';
import { compileTranspiled, loadComponent } from './load-component.ts';
import { ComponentCache } from '../component/component-cache.ts';
import type { TranspiledBytes } from '../component/transpile-component.ts';
import { findHandle, serveRequest } from './serve-request.ts';
import {
  emptyReport,
  type GuestExecutor,
  type GuestOutcome,
  type GuestReport,
  type GuestRun,
} from './guest-executor.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, GuestDeadline } from '../core-wasm/guest-deadline.ts';
import { P3Instances } from './instances-p3.ts';
import { addOutboundCall, type OutboundCall } from '../protocol/outbound-calls.ts';

export class WasmExecutor implements GuestExecutor {
  readonly #components = new ComponentCache();
  readonly #p3 = new P3Instances();

  /** `store`: where deployed components' transpiled bytes are kept. */
  constructor(readonly store: AppStore) {}

  preload(label: string, version: string, transpiled: TranspiledBytes): void {
    void this.#components
      .get(version, () => compileTranspiled(label, version, transpiled))
      .catch(() => undefined);
  }

  /** Loads a component ahead of its first request (a guest worker whose peer just ran it). */
  async warm(component: AppComponent): Promise<void> {
    await this.#components.get(component.artifacts.version, () =>
      loadComponent(component.label, component.artifacts, this.store),
    );
  }

  async execute(run: GuestRun): Promise<GuestOutcome> {
    const report = emptyReport();
    // The run's outgoing requests go into its report, within the record's limits; those still
    // in flight when the response begins are not waited for.
    const sinks = {
      ...run.sinks,
      outbound: (call: OutboundCall) => {
        report.outbound = addOutboundCall(report.outbound, call);
        run.sinks.outbound?.(call);
      },
    };
    try {
      return { response: await this.#execute({ ...run, sinks }, report), report };
    } catch (error) {
      return { error, report };
    }
  }

  /** The response to `run`, recording in `report` where the time went as it goes. */
  async #execute(run: GuestRun, report: GuestReport): Promise<Response> {
    const { app, component, request, sinks, server, onLateFailure, onPhase } = run;
    const loadStarted = performance.now();
    let loadedHere = false;
    const loaded = await this.#components.get(component.artifacts.version, () => {
      loadedHere = true;
      return loadComponent(component.label, component.artifacts, this.store);
    });
    report.loadMs = performance.now() - loadStarted;
    if (loadedHere) report.load = loaded.timings;
    if (loaded.wasiP3) return this.#p3.execute(loaded, run, report);

    // The app's request timeout bounds the instantiation (a start function may loop), and again
    // the request, from the call of its handler.
    const deadline = new GuestDeadline(app.definition.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    const instantiateStarted = performance.now();
    onPhase?.('instantiate');
    const instance = await deadline.run(() =>
      loaded.instantiate(instanceImports(app, component, sinks, deadline, server), deadline),
    );
    report.instantiateMs = performance.now() - instantiateStarted;
    const handle = findHandle(instance.exports, component.label);
    const handleStarted = performance.now();
    onPhase?.('handle');
    // The response may come before the guest is done (its body streams as it writes), so the
    // instance's memory goes back to the pool only once `handle` itself has returned; a guest
    // abandoned at its deadline may still be suspended and resume: its memory is never reused.
    let handled: Promise<unknown> = Promise.resolve();
    const release = () => {
      if (!deadline.expired) instance.release();
    };
    try {
      return await serveRequest(
        (incoming, responseOut) => (handled = deadline.run(() => handle(incoming, responseOut))),
        request,
        component.label,
        onLateFailure,
      );
    } finally {
      report.handleMs = performance.now() - handleStarted;
      void handled.then(release, release);
    }
  }
}
