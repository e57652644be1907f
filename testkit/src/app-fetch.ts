/**
 * How `app.fetch` reaches the app (docs/decisions/0028).
 *
 * With a service worker (the default), the request is a `fetch()` made in a document at the
 * app's own origin: the host page the driver page frames, which the app's service worker
 * controls. The worker answers it as it answers a request of the app's own pages: the same
 * routing, and the `Origin`, `Referer` and `Sec-Fetch-*` headers it works out for one
 * (sw/fetch-metadata.ts).
 *
 * In worker mode (`serviceWorkers: 'block'`) no fetch of the app's origin reaches the host: the
 * request goes to it over the driver page's host connection (driver/driver.ts `fetch`).
 *
 * Bytes up to INLINE_BODY_BYTES cross Playwright's `evaluate` as `Uint8Array`s, which Playwright
 * carries itself. It encodes and decodes them byte by byte in Node, though (before Node 25), so a
 * larger body goes through the kit's server as it is: a request's is held there for the page to
 * fetch (kit-server.ts `holdBody`), an answer's is sent there by the page (`takeBody`).
 *
 * Either way the kit holds on to every request until it has answered, so that the reset before
 * the next test waits for the last test's requests (docs/decisions/0025): `requestsSettled`.
 */
import type { Frame, Page } from '@playwright/test';
import { INLINE_BODY_BYTES, type DriverResponse, type RequestBody } from './driver-api.ts';
import type { KitServer } from './kit-server.ts';
import type { EncodedRequest } from './request-options.ts';
import type { SwerveApp } from './types.ts';
import { callDriver } from './driver-call.ts';
import { findHostFrame } from './kit-context.ts';

/** Where large bodies cross: the kit's server. */
export type BodyExchange = Pick<KitServer, 'holdBody' | 'takeBody'>;

/** The requests each driver page's app has not answered yet. */
const inFlight = new WeakMap<Page, Set<Promise<unknown>>>();

/** Resolves once every request sent to `driver`'s app so far has answered or failed. */
export async function requestsSettled(driver: Page): Promise<void> {
  const pending = inFlight.get(driver);
  if (pending?.size) await Promise.allSettled(pending);
}

function track<T>(driver: Page, request: Promise<T>): Promise<T> {
  let pending = inFlight.get(driver);
  if (!pending) inFlight.set(driver, (pending = new Set()));
  const held = pending;
  held.add(request);
  void request.then(
    () => held.delete(request),
    () => held.delete(request),
  );
  return request;
}

/** The frame of the app's host page, at the app's origin, inside the driver page. */
function hostFrame(driver: Page, origin: string): Frame {
  const frame = findHostFrame(driver, origin);
  if (!frame) {
    throw new Error(
      `[swerve] The host page of ${origin} is gone from the kit's driver page, so app.fetch cannot reach the app. ` +
        'Did the test close or navigate the driver page (the first tab of the context)? Leave it open.',
    );
  }
  return frame;
}

type PageFetch = [
  url: string,
  method: string,
  headers: Record<string, string>,
  body: RequestBody | null,
  referrer: string,
  answerTo: string,
  inlineBytes: number,
];

/**
 * Runs in the host page at the app's origin (its service worker answers): one entry per header
 * value. The browser hides `set-cookie` from a page (a forbidden response header), so it is not
 * among them.
 */
async function fetchInPage([
  url,
  method,
  headers,
  body,
  referrer,
  answerTo,
  inlineBytes,
]: PageFetch): Promise<DriverResponse> {
  let bytes = body as Uint8Array<ArrayBuffer> | null;
  const heldAt = (body as { heldAt?: string } | null)?.heldAt;
  if (heldAt !== undefined) {
    const held = await fetch(heldAt);
    if (!held.ok) throw new Error(`[swerve] The kit's server no longer holds the request body at ${heldAt}.`);
    bytes = new Uint8Array(await held.arrayBuffer());
  }
  const response = await fetch(url, { method, headers, body: bytes, referrer });
  const answer = new Uint8Array(await response.arrayBuffer());
  const large = answer.length > inlineBytes;
  if (large) await fetch(answerTo, { method: 'POST', body: answer });
  return {
    url: response.url,
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers].map(([name, value]) => ({ name, value })),
    body: large ? { sentTo: answerTo } : answer,
  };
}

/** Sends `request` to the app at `origin` and reads its answer whole. */
export function sendToApp(
  driver: Page,
  origin: string,
  mode: SwerveApp['hostMode'],
  request: EncodedRequest,
  bodies: BodyExchange,
): Promise<DriverResponse & { body: Uint8Array }> {
  const { url, method, headers } = request;
  const held =
    request.body && request.body.length > INLINE_BODY_BYTES ? bodies.holdBody(request.body) : undefined;
  const body: RequestBody | undefined = held ? { heldAt: held.path } : request.body;
  const answer = bodies.takeBody();
  const sent = (
    mode === 'service-worker'
      ? // A request of a page of the app at its root, as the app's own documents send theirs.
        hostFrame(driver, origin).evaluate(fetchInPage, [
          url,
          method,
          headers,
          body ?? null,
          `${origin}/`,
          answer.path,
          INLINE_BODY_BYTES,
        ] as PageFetch)
      : callDriver(driver, 'fetch', url, { method, headers, body, answerTo: answer.path })
  ).then(async (reply) => ({
    ...reply,
    body: reply.body instanceof Uint8Array ? reply.body : await answer.taken,
  }));
  void sent
    .finally(() => {
      held?.release();
      answer.release();
    })
    .catch(() => undefined);
  return track(driver, sent);
}
