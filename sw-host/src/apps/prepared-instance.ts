/**
 * A fresh instance of a component, made before the request that will use it arrives, so that
 * a request does not wait for instantiation (~5 ms for a JavaScript component). Each instance
 * still serves exactly one request, as in Spin.
 *
 * Its imports are made with the instance, so anything tied to the request (the request id its
 * log lines carry) is bound when the request takes it. So is its deadline: the app's request
 * timeout bounds the instantiation, and again the request, from the call of its handler.
 */
import type { LoadedComponent } from '../component/loaded-component.ts';
import { instantiateHandler, type HandleFunction } from '../http/serve-request.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, GuestDeadline } from '../runtime/guest-deadline.ts';
import type { InProcessServer } from './app-outbound.ts';
import type { AppComponent, DeployedApp } from './deployed-app.ts';
import { instanceImports, type InstanceSinks } from './instance-imports.ts';

export class PreparedInstance {
  #sinks: InstanceSinks;
  #handle: HandleFunction | undefined;

  private constructor(
    readonly version: string,
    fallback: InstanceSinks,
  ) {
    this.#sinks = fallback;
  }

  /**
   * Instantiates now. `fallback` receives output until a request takes the instance; `server`
   * serves the requests the instance makes to its own app.
   */
  static async create(
    app: DeployedApp,
    component: AppComponent,
    loaded: LoadedComponent,
    fallback: InstanceSinks,
    server: InProcessServer,
  ): Promise<PreparedInstance> {
    const instance = new PreparedInstance(loaded.version, fallback);
    const sinks: InstanceSinks = {
      stdout: (line) => instance.#sinks.stdout(line),
      stderr: (line) => instance.#sinks.stderr(line),
      warn: (message) => instance.#sinks.warn(message),
    };
    const deadline = new GuestDeadline(app.definition.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    const handle = await instantiateHandler(
      loaded,
      instanceImports(app, component, sinks, deadline, server),
      deadline,
    );
    instance.#handle = (request, responseOut) => deadline.run(() => handle(request, responseOut));
    return instance;
  }

  /** Hands the instance to a request: its output goes to `sinks` from now on. Only once. */
  take(sinks: InstanceSinks): HandleFunction {
    const handle = this.#handle;
    if (!handle) throw new Error('A prepared instance serves one request only.');
    this.#handle = undefined;
    this.#sinks = sinks;
    return handle;
  }
}
