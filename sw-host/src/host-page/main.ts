/**
 * The host page of an app origin (`/_swerve/host.html?parent=<origin>`): a page of the site, or an
 * allowed embedder, frames it to drive this origin's host (docs/decisions/0007).
 *
 * It accepts messages only from the window that framed it, and only when that window's origin is
 * the one named in `parent` and is allowed (the site's own, or a configured embedder); anything
 * else is ignored. It runs the host in a service worker where the browser allows one here, else
 * in a dedicated worker of its own (frames on other sites get no service worker), and relays each
 * request with its reply port to it: the runtime replies to the framing page directly. With a
 * service worker, it also starts the guest workers that run guests in parallel (guest-pool.ts).
 * A deploy's core modules that carry their WIT world are componentized here first
 * (client/componentize.ts).
 */
import { componentizeCoreModules } from '../client/componentize.ts';
import { startGuestPool } from './guest-workers.ts';
import { linkServiceWorker } from '../client/service-worker-link.ts';
import { sendRequest, type PostMessage } from '../client/reply-channel.ts';
import { allowedParents, siteOriginOf } from '../origins/app-origins.ts';
import { sameSiteFramer, sameSiteFramerMessage } from '../client/same-site-framer.ts';
import { ORIGINS } from '../origins/configured-origins.ts';
import { HOST_EVENTS_CHANNEL } from '../protocol/host-events.ts';
import * as envelope from '../protocol/envelope.ts';
import { transferablesOf, type HostMode, type HostRequests } from '../protocol/messages.ts';
import { RUNTIME_WORKER_PATH } from '../protocol/paths.ts';

declare const __SWERVE_BUILD__: string;

const status = document.getElementById('status')!;

interface Runtime {
  mode: HostMode;
  post: PostMessage;
  reason?: string;
}

async function startRuntime(parent: string): Promise<Runtime> {
  try {
    const link = await linkServiceWorker({ expectBuild: __SWERVE_BUILD__ });
    startGuestPool();
    return { mode: 'service-worker', post: link.post };
  } catch (error) {
    // A frame on another site: browsers refuse service workers there (or partition them away).
    const worker = new Worker(RUNTIME_WORKER_PATH, { type: 'module', name: 'swerve-runtime' });
    const post: PostMessage = (message, transfer) => worker.postMessage(message, transfer);
    const { durable } = await sendRequest(post, 'hello', {}, 'The Swerve runtime worker');
    const kept = durable
      ? ''
      : ' The browser gives this frame no storage either: nothing is kept after the page closes.';
    return {
      mode: 'worker',
      post,
      reason:
        `This app runs in a worker of its frame, because the browser allows no service worker in a frame ` +
        `on another site (${parent}): requests to it work, but its own pages (HTML documents) cannot load ` +
        `here. Open the app in a tab of its own to see them.${kept} ` +
        `(${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/** Streams this origin's host events to `port` until the page says `unsubscribe`. */
function subscribe(port: MessagePort): void {
  const channel = new BroadcastChannel(HOST_EVENTS_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => port.postMessage(event.data);
  port.onmessage = (event: MessageEvent<unknown>) => {
    if (event.data === 'unsubscribe') {
      channel.close();
      port.close();
    }
  };
}

async function main(): Promise<void> {
  const parent = new URLSearchParams(location.search).get('parent') ?? '';
  const allowed = allowedParents(location.origin, ORIGINS);
  if (window.parent === window || !allowed.includes(parent)) {
    status.textContent =
      `This is the Swerve host page of ${location.origin}. It serves only pages of ${allowed.join(', ')} ` +
      'that frame it; there is nothing to do here.';
    return;
  }
  // A page of an app (or of another host under the site) among the ancestors would drive this
  // origin's first-party host through a page of the site: the embed page, say (decision 0015).
  const stranger = sameSiteFramer(siteOriginOf(location.origin, ORIGINS));
  if (stranger) {
    status.textContent = sameSiteFramerMessage(stranger, `The Swerve host of ${location.origin}`);
    console.warn(status.textContent);
    return;
  }
  const runtime = await startRuntime(parent);
  addEventListener('message', (event) => {
    // Only the window that framed us, at the origin it said it had, which must be allowed.
    if (event.source !== window.parent || event.origin !== parent) return;
    if (!envelope.isEnvelope(event.data, 'request')) return;
    if (event.data.type === 'subscribe') {
      const [replyPort, eventsPort] = event.ports;
      if (eventsPort) subscribe(eventsPort);
      replyPort?.postMessage(envelope.ok<'subscribe'>({ subscribed: true }));
      return;
    }
    const request = event.data;
    const ports = [...event.ports];
    // Core modules with their WIT embedded become components here, before the host checks them.
    const prepared =
      request.type === 'deploy'
        ? componentizeCoreModules((request.payload as HostRequests['deploy']).files).then((files) => ({
            ...request,
            payload: { ...(request.payload as HostRequests['deploy']), files },
          }))
        : Promise.resolve(request);
    void prepared.then(
      (ready) => runtime.post(ready, [...ports, ...transferablesOf(ready.payload)]),
      (error: unknown) => ports[0]?.postMessage(envelope.fail(error)),
    );
  });
  const ready = envelope.ready(runtime.mode, __SWERVE_BUILD__, runtime.reason);
  document.body.dataset['mode'] = runtime.mode;
  status.textContent = `Swerve host for ${location.origin} (${runtime.mode}).`;
  // Delivered only if the framing window really has the origin it named.
  window.parent.postMessage(ready, parent);
}

main().catch((error: unknown) => {
  console.error(error);
  status.textContent = error instanceof Error ? error.message : String(error);
});
