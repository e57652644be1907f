/**
 * The outbound relay of `swerve up`: the service worker sends a component's request to a host
 * the app may reach through the `swerve up` server, which makes it from Node, so that CORS does
 * not apply and failures are known exactly, as under `spin up`. Shared by the worker
 * (runtime/instance/outbound-relay.ts) and the server (cli/up-relay.ts).
 *
 * Every relayed request is a POST to {@link RELAY_PATH} carrying the real request in headers; the
 * answer is a 200 carrying the real response (its status and every header in headers, its body as
 * the body), or a 502 naming the `wasi:http` error code. A custom request header makes browsers
 * preflight any cross-origin use, which the server never allows: other sites cannot use it.
 */
import { SWERVE_PREFIX } from './paths.ts';

export const RELAY_PATH = `${SWERVE_PREFIX}relay`;

/** What `GET` {@link RELAY_PATH} answers when the server relays. */
export const RELAY_READY = 'swerve up relays outbound requests';

export const RELAY_HEADER = {
  /** The absolute URL to request. */
  url: 'x-swerve-relay-url',
  method: 'x-swerve-relay-method',
  /** The component making the request: the server checks its `allowed_outbound_hosts` too. */
  component: 'x-swerve-relay-component',
  /** The request's or response's headers, as {@link encodeHeaderList} writes them. */
  headers: 'x-swerve-relay-headers',
  /** The response's status. */
  status: 'x-swerve-relay-status',
  /** On a 502: the `error-code` tag (`connection-refused`, `DNS-error`, ...). */
  error: 'x-swerve-relay-error',
} as const;

/** Headers as one header value (ASCII, any names and values, order and repeats kept). */
export function encodeHeaderList(headers: Iterable<readonly [string, string]>): string {
  return encodeURIComponent(JSON.stringify([...headers]));
}

/** What {@link encodeHeaderList} wrote; an empty list for anything else. */
export function decodeHeaderList(text: string | null | undefined): [string, string][] {
  if (!text) return [];
  try {
    const list: unknown = JSON.parse(decodeURIComponent(text));
    if (!Array.isArray(list)) return [];
    return list.filter(
      (entry): entry is [string, string] =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        typeof entry[0] === 'string' &&
        typeof entry[1] === 'string',
    );
  } catch {
    return [];
  }
}
