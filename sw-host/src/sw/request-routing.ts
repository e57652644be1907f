/**
 * Decides, for each fetch the worker sees, whether an app answers it and with which path.
 *
 * A request belongs to an app when its path is under the app's mount. A document an app served
 * also makes requests outside the mount (root-relative links, scripts, forms: `/style.css` from a
 * page at `/apps/blog/`): those resolve against the app that served the document, as they would
 * at the root of the app's own origin. Subresources are told apart by the client that made them;
 * navigations by their referrer, and are redirected under the mount so that the new document's
 * own relative URLs keep working.
 *
 * Swerve's own paths and the site's pages and assets are never answered here.
 */
/// <reference lib="webworker" />
import type { AppRegistry } from '../apps/app-registry.ts';
import type { DeployedApp } from '../apps/deployed-app.ts';
import { appAtUrl } from '../host/app-at-url.ts';

export type Routing =
  /** Not ours: let the browser fetch it. */
  | { kind: 'pass' }
  | { kind: 'app'; app: DeployedApp; pathInApp: string }
  /** A navigation from an app's document to a path outside its mount: go under the mount. */
  | { kind: 'redirect'; location: string; status: 307 | 302 }
  /** Under the apps root, where the host answers, but no app is mounted there: 404. */
  | { kind: 'no-app' }
  /** Cannot be decided without waiting (apps still loading, a client not seen before). */
  | { kind: 'later'; decide: () => Promise<Routing> };

export class RequestRouting {
  /** Client id → the app whose document it is, or null for any other document. */
  readonly #clients = new Map<string, string | null>();

  constructor(
    readonly registry: AppRegistry,
    readonly clients: Clients,
    readonly origin: string,
  ) {}

  /** Remembers that a navigation answered by `app` created the client `clientId`. */
  rememberDocument(clientId: string, app: DeployedApp): void {
    if (clientId) this.#clients.set(clientId, app.name);
  }

  decide(request: Request, clientId: string): Routing {
    const url = new URL(request.url);
    // Which app the URL itself names (host/app-at-url.ts, as for the host protocol's fetch).
    const named = appAtUrl(this.registry, this.origin, url);
    switch (named.kind) {
      case 'other-origin':
      case 'reserved':
        return { kind: 'pass' };
      case 'loading':
        return {
          kind: 'later',
          decide: () => this.registry.load().then(() => this.decide(request, clientId)),
        };
      case 'app':
        return named;
      case 'no-app':
        if (named.underAppsRoot) return { kind: 'no-app' };
    }
    // No app's mount holds the path: it may still be a request of a document an app served.
    if (request.mode === 'navigate') return this.#navigationFromApp(request, url);
    if (!clientId) return { kind: 'pass' };
    const owner = this.#clients.get(clientId);
    if (owner === undefined) {
      return {
        kind: 'later',
        decide: () => this.#learnClient(clientId).then(() => this.decide(request, clientId)),
      };
    }
    const ownerApp = owner === null ? undefined : this.registry.get(owner);
    return ownerApp ? { kind: 'app', app: ownerApp, pathInApp: url.pathname + url.search } : { kind: 'pass' };
  }

  #navigationFromApp(request: Request, url: URL): Routing {
    if (!request.referrer) return { kind: 'pass' };
    const referrer = new URL(request.referrer);
    const referring = appAtUrl(this.registry, this.origin, referrer);
    const from = referring.kind === 'app' ? referring.app : undefined;
    if (!from || from.mount === '/') return { kind: 'pass' };
    const location = `${from.mount}${url.pathname.slice(1)}${url.search}`;
    // 307 keeps a form's method and body; a plain link becomes a GET either way.
    return { kind: 'redirect', location, status: request.method === 'GET' ? 302 : 307 };
  }

  async #learnClient(clientId: string): Promise<void> {
    const client = await this.clients.get(clientId);
    const document = client ? appAtUrl(this.registry, this.origin, new URL(client.url)) : undefined;
    this.#clients.set(clientId, document?.kind === 'app' ? document.app.name : null);
  }
}
