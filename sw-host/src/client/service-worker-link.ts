/**
 * The host at this page's own origin: registers the service worker, waits until it controls the
 * page, and checks that it speaks this page's protocol and comes from the expected build. A
 * stale worker (from an earlier deploy) is updated and waited for rather than used.
 */
import { SwerveError } from '../errors.ts';
import type { HostReplies } from '../protocol/messages.ts';
import { SERVICE_WORKER_PATH } from '../protocol/paths.ts';
import { sendRequest, type PostMessage } from './reply-channel.ts';

export interface ServiceWorkerLink {
  registration: ServiceWorkerRegistration;
  hello: HostReplies['hello'];
  /** Posts to whichever worker controls the page now. */
  post: PostMessage;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new SwerveError(
            'host-unavailable',
            `${what} did not happen within ${ms / 1000} s. Reload the page; if it persists, ` +
              'check the browser console for service worker errors.',
          ),
        ),
      ms,
    );
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

function nextController(): Promise<void> {
  return new Promise((resolve) =>
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
  );
}

/** Resolves with the worker that controls this page, asking an active worker to claim it. */
async function controller(registration: ServiceWorkerRegistration): Promise<ServiceWorker> {
  const container = navigator.serviceWorker;
  if (container.controller) return container.controller;
  const changed = nextController();
  // After a hard reload the page is not controlled even though the worker is active, and no
  // `controllerchange` would come by itself: ask the worker to claim us.
  const active = registration.active ?? (await container.ready).active;
  if (active && !container.controller) {
    void sendRequest((m, t) => active.postMessage(m, t), 'claim', {}, 'The service worker').catch(
      () => undefined,
    );
  }
  await changed;
  return container.controller!;
}

export interface ServiceWorkerLinkOptions {
  scriptUrl?: string;
  timeoutMs?: number;
  /** The build the worker must come from (the page's own); a worker of another build is updated. */
  expectBuild?: string;
}

export async function linkServiceWorker(options: ServiceWorkerLinkOptions = {}): Promise<ServiceWorkerLink> {
  if (!('serviceWorker' in navigator)) {
    throw new SwerveError(
      'host-unavailable',
      'This browser runs no service workers here (private windows, and origins other than HTTPS and ' +
        'localhost, disable them). Open the page over HTTPS or on localhost.',
    );
  }
  const timeoutMs = options.timeoutMs ?? 15_000;
  const registration = await navigator.serviceWorker.register(options.scriptUrl ?? SERVICE_WORKER_PATH, {
    type: 'module',
    scope: '/',
  });
  await withTimeout(controller(registration), timeoutMs, 'The Swerve service worker taking control');
  const post: PostMessage = (message, transfer) =>
    navigator.serviceWorker.controller?.postMessage(message, transfer);
  // A worker of an older protocol may not understand the question at all: then it is stale too.
  let hello = await sendRequest(post, 'hello', {}, 'The Swerve service worker', { timeoutMs: 5_000 }).catch(
    () => ({ protocol: -1, build: 'unknown', durable: false }),
  );
  if (hello.protocol === -1 || (options.expectBuild && hello.build !== options.expectBuild)) {
    // A worker from another deploy: fetch the current one and wait until it takes over.
    const replaced = nextController();
    await registration.update();
    await withTimeout(replaced, timeoutMs, `Replacing the service worker of build ${hello.build}`);
    hello = await sendRequest(post, 'hello', {}, 'The Swerve service worker');
  }
  return { registration, hello, post };
}
