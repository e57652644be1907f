/**
 * Where a component's outgoing HTTP requests go, as Spin decides it: every request is checked
 * against the component's `allowed_outbound_hosts` first; a request to the app itself (a relative
 * URL, `self`, `self.alt`) or to `<component>.spin.internal` is served in process by the host,
 * and anything else goes out with the browser's `fetch`. A service worker's own `fetch` goes to
 * the network, never back through the worker, so the app's own URLs must be served here.
 *
 * A page's `fetch` says nothing about why it failed. When it does, one `no-cors` HEAD request to
 * the same URL tells a response the browser withheld (CORS) from a server it could not reach.
 * Under `swerve up` the server relays those requests instead (runtime/instance/outbound-relay.ts).
 */
import { checkOutboundUrl } from '../../outbound/index.ts';
import {
  OutboundError,
  type ErrorCode,
  type OutboundDispatcher,
  type OutboundRequest,
} from '../../wasi/http/index.ts';
import type { AppComponent, DeployedApp } from '../../apps/deployed-app.ts';
import type { OutboundRelay } from './outbound-relay.ts';
import type { OutboundCall } from '../../protocol/outbound-calls.ts';

/**
 * In-process requests one app may have in flight at once. Each runs in a fresh instance in this
 * worker; an app that calls itself for every request it serves (Hono's fetch-on-404 fallback,
 * allowed to reach its own origin) would otherwise recurse until the worker runs out of memory.
 */
export const MAX_IN_PROCESS_REQUESTS = 64;

const inFlight = new WeakMap<DeployedApp, number>();

/** The host's own request handling, for requests that stay inside the app. */
export interface InProcessServer {
  /** Serves `request` as a request to `app` at `pathInApp` (path and query, mount removed). */
  handle(request: Request, app: DeployedApp, pathInApp: string): Promise<Response>;
  /** Serves `request` with `componentId` of `app`, as if matched by the route `/...`. */
  handleChained(request: Request, app: DeployedApp, componentId: string): Promise<Response>;
}

export interface AppOutboundContext {
  readonly app: DeployedApp;
  readonly component: AppComponent;
  readonly server: InProcessServer;
  /** Logs a host warning for the app (a denied request, a request the browser blocked). */
  readonly warn: (message: string) => void;
  /** The origin the host serves apps from (the service worker's). */
  readonly origin: string;
  readonly fetch?: typeof fetch;
  /**
   * `swerve up`'s relay: when the server offers one, requests to other origins go through it, so
   * CORS does not apply and failures are known exactly.
   */
  readonly relay?: OutboundRelay;
  /** Told of each request once it is answered, fails or is denied: for the request record. */
  readonly onCall?: (call: OutboundCall) => void;
}

/** The dispatcher for the instances of one component. */
export function appOutbound(context: AppOutboundContext): OutboundDispatcher {
  const { app, component, server, warn, origin } = context;
  const fetchFn = context.fetch ?? ((input, init) => fetch(input, init));
  const inProcess = async (serve: () => Promise<Response>): Promise<Response> => {
    const count = inFlight.get(app) ?? 0;
    if (count >= MAX_IN_PROCESS_REQUESTS) {
      const message = `${component.label}: ${count} requests to the app itself are in flight; refusing more (does the app call itself for every request?).`;
      warn(message);
      throw new OutboundError({ tag: 'loop-detected' }, message);
    }
    inFlight.set(app, count + 1);
    try {
      // Until the response headers: its body may stream for as long as it likes.
      return await serve();
    } finally {
      inFlight.set(app, (inFlight.get(app) ?? 1) - 1);
    }
  };
  const dispatch = async (request: OutboundRequest, call: OutboundCall): Promise<Response> => {
    const decision = checkOutboundUrl(component.allowedOutbound, request.url);
    if (!decision.allowed) {
      const message = deniedMessage(decision.entryToAdd) ?? decision.message;
      warn(message);
      call.denied = true;
      throw new OutboundError({ tag: 'HTTP-request-denied' }, message);
    }
    call.target = decision.target.kind;
    switch (decision.target.kind) {
      case 'self': {
        const pathInApp = selfPath(request.url);
        const url = new URL(app.mount + pathInApp.slice(1), origin);
        return inProcess(() => server.handle(inAppRequest(url, request), app, pathInApp));
      }
      case 'component': {
        const { componentId } = decision.target;
        const url = new URL(request.url);
        return inProcess(() => server.handleChained(inAppRequest(url, request), app, componentId));
      }
      case 'network': {
        const url = new URL(request.url);
        // The worker's own origin under the app's mount: `fetch` would reach the server, not the app.
        if (url.origin === origin && `${url.pathname}/`.startsWith(app.mount)) {
          call.target = 'self';
          return inProcess(() => server.handle(inAppRequest(url, request), app, app.pathWithin(url)));
        }
        if (context.relay && (await context.relay.available())) {
          return context.relay.send(url, request, component.id);
        }
        return fetchNetwork(url, request, fetchFn, (message) => warn(`${component.label}: ${message}`));
      }
    }
  };
  return {
    async send(request) {
      const call: OutboundCall = { method: request.method, url: request.url, at: Date.now(), durationMs: 0 };
      const started = performance.now();
      try {
        const response = await dispatch(request, call);
        call.status = response.status;
        return response;
      } catch (error) {
        call.error = error instanceof Error ? error.message : String(error);
        throw error;
      } finally {
        call.durationMs = performance.now() - started;
        context.onCall?.(call);
      }
    },
  };
}

/**
 * What `spin up` prints for a denied request (crates/factor-outbound-http, in two lines there),
 * with one difference: for the app itself Spin suggests "self", which is not a valid entry, and
 * Swerve the entry that is ("http://self").
 */
function deniedMessage(entryToAdd: string | undefined): string | undefined {
  if (entryToAdd === undefined) return undefined;
  const attempt =
    entryToAdd === 'http://self'
      ? 'A component tried to make a HTTP request to the same component but it does not have permission.'
      : `A component tried to make a HTTP request to non-allowed host '${entryToAdd}'.`;
  return `${attempt} To allow requests, add 'allowed_outbound_hosts = ["${entryToAdd}"]' to the manifest component section.`;
}

/** The path and query of a request to the app itself: `/x?y`, or that of `http://self.alt/x?y`. */
function selfPath(url: string): string {
  if (url.startsWith('/')) return url;
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function inAppRequest(url: URL, request: OutboundRequest): Request {
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
  });
}

async function fetchNetwork(
  url: URL,
  request: OutboundRequest,
  fetchFn: typeof fetch,
  warn: (message: string) => void,
): Promise<Response> {
  const init: RequestInit = {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    // A component has no cookies or HTTP cache of the page's.
    credentials: 'omit',
    cache: 'no-store',
    // Never followed: the next hop is a request to a host `allowed_outbound_hosts` was never
    // asked about (wasi:http hands redirects to the guest, and Spin checks every request).
    redirect: 'manual',
  };
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch (error) {
    if (request.signal.aborted) throw error;
    throw await explainFailure(url, fetchFn, request.signal, warn);
  }
  if (response.type === 'opaqueredirect') throw redirectNotFollowed(url, warn);
  return response;
}

/**
 * A redirect, as a page gets it with `redirect: 'manual'`: an opaque response with no status
 * and no `Location`. The guest cannot be handed the 3xx as Spin would (its status and target
 * are hidden from the page), so it gets an error that says so, and the app's log says why.
 */
function redirectNotFollowed(url: URL, warn: (message: string) => void): OutboundError {
  const message =
    `${url.origin} answered ${url.pathname} with a redirect, which Swerve does not follow: its target ` +
    'may be a host allowed_outbound_hosts does not list, and a page cannot see where it leads. ' +
    'Request the final URL directly, or run the app with `swerve up`, whose relay hands redirects to the component as Spin does.';
  warn(message);
  return new OutboundError(
    { tag: 'internal-error', val: `redirect from ${url.origin} not followed` },
    message,
  );
}

/** Why `fetch` of `url` failed, as far as a page can tell, as the error the guest receives. */
async function explainFailure(
  url: URL,
  fetchFn: typeof fetch,
  signal: AbortSignal,
  warn: (message: string) => void,
): Promise<OutboundError> {
  const reached = await fetchFn(url, {
    method: 'HEAD',
    mode: 'no-cors',
    credentials: 'omit',
    cache: 'no-store',
    signal,
  }).then(
    () => true,
    () => false,
  );
  if (reached) {
    const message =
      `the browser withheld the response of ${url.origin}: it does not allow this origin (CORS). ` +
      'Have it send Access-Control-Allow-Origin, or run the app with `swerve up`, which relays requests.';
    warn(message);
    return new OutboundError(
      { tag: 'internal-error', val: `CORS: ${url.origin} does not allow this origin` },
      message,
    );
  }
  const code: ErrorCode = isLoopbackOrAddress(url.hostname)
    ? { tag: 'connection-refused' }
    : { tag: 'destination-unavailable' };
  const message = `could not connect to ${url.origin} (${code.tag}).`;
  return new OutboundError(code, message);
}

/** A host with no name to resolve: a refused connection is then the only way to fail. */
function isLoopbackOrAddress(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname.startsWith('[') ||
    /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)
  );
}
