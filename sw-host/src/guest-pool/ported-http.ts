/**
 * Requests and responses as they cross a port between the service worker and a guest worker
 * (guest-pool/messages.ts): plain data with the body as a stream to transfer, and back.
 */
import { headerPairs, type PortedRequest, type PortedResponse } from './messages.ts';

/** A fetch `Request` (a guest's request to its own app) as it crosses a port. */
export function portRequest(request: Request): PortedRequest {
  return {
    url: request.url,
    method: request.method,
    headers: headerPairs(request.headers),
    body: request.body,
  };
}

export function requestFromPort({ url, method, headers, body }: PortedRequest): Request {
  return new Request(url, {
    method,
    headers,
    body,
    // A streamed request body must say so (fetch's half-duplex rule).
    ...(body ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/** `response` as it crosses a port, with `body` in place of its own (a watched copy of it). */
export function portResponse(response: Response, body: ReadableStream<Uint8Array> | null): PortedResponse {
  return {
    status: response.status,
    statusText: response.statusText,
    headers: headerPairs(response.headers),
    body,
  };
}

export function responseFromPort(
  { status, statusText, headers }: PortedResponse,
  body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer> | null,
): Response {
  return new Response(body, { status, statusText, headers });
}
