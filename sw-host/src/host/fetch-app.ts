/**
 * Serves an HTTP request that came over the host protocol rather than as a fetch event: the
 * same decision of which app serves the URL (host/app-at-url.ts) and the same `AppHost.handle`
 * as a request the service worker intercepts. The response body goes back as a stream when the page asked for one (it is
 * transferred with the reply: protocol/fetch-request.ts), else read into bytes (one message, so
 * it is read whole, up to MAX_BUFFERED_BODY_BYTES).
 */
import type { FetchReply, FetchRequest } from '../protocol/fetch-request.ts';
import { SwerveError } from '../errors.ts';
import { readBodyWithin } from '../protocol/body-limit.ts';
import type { AppHost } from './app-host.ts';
import { appAtUrl } from './app-at-url.ts';

export async function fetchApp(host: AppHost, origin: string, request: FetchRequest): Promise<FetchReply> {
  const url = new URL(request.url, origin);
  if (appAtUrl(host.registry, origin, url).kind === 'other-origin') {
    throw new SwerveError(
      'not-allowed',
      `Cannot fetch ${url.href} through the host at ${origin}: it serves only its own origin's apps.`,
    );
  }
  await host.registry.load();
  // The app a tab at this origin would reach at this URL (host/app-at-url.ts).
  const named = appAtUrl(host.registry, origin, url);
  const body = request.body ?? null;
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: request.headers,
    body: body as BodyInit | null,
    // A stream body is sent as it arrives (the Fetch standard's only mode for one).
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  };
  // No app there (Swerve's own paths included, which no app answers in a tab either): 404.
  const response =
    named.kind === 'app'
      ? await host.handle(new Request(url, init), named.app, named.pathInApp)
      : new Response(null, { status: 404 });
  const head = { status: response.status, statusText: response.statusText, headers: [...response.headers] };
  if (request.streamReply) return { ...head, body: response.body };
  const bytes = await readBodyWithin(
    response.body,
    `The response to ${request.method} ${url.pathname}`,
    "Open the URL in a tab at the app's origin, where responses stream, or have the app answer with less.",
  );
  return { ...head, body: bytes };
}
