/**
 * The worker's side of `swerve up`'s outbound relay (protocol/relay.ts): whether the server that
 * served the worker relays, and sending a component's request through it.
 *
 * The site (`npm start`, a static host) has no relay; asking costs one request per worker start.
 */
import { OutboundError, type ErrorCode, type OutboundRequest } from '../../wasi/http/index.ts';
import {
  decodeHeaderList,
  encodeHeaderList,
  RELAY_HEADER,
  RELAY_PATH,
  RELAY_READY,
} from '../../protocol/relay.ts';

/** The error codes the relay reports, as the guest receives them. */
const RELAYED_ERRORS: Readonly<Record<string, ErrorCode>> = {
  'DNS-error': { tag: 'DNS-error', val: {} },
  'connection-refused': { tag: 'connection-refused' },
  'connection-timeout': { tag: 'connection-timeout' },
  'connection-terminated': { tag: 'connection-terminated' },
  'destination-unavailable': { tag: 'destination-unavailable' },
  'TLS-certificate-error': { tag: 'TLS-certificate-error' },
  'HTTP-request-denied': { tag: 'HTTP-request-denied' },
};

export class OutboundRelay {
  readonly #origin: string;
  readonly #fetch: typeof fetch;
  #available: Promise<boolean> | undefined;

  constructor(origin: string, fetchFn: typeof fetch = (input, init) => fetch(input, init)) {
    this.#origin = origin;
    this.#fetch = fetchFn;
  }

  /** Whether the server relays; asked once (a failure counts as no, and is asked again later). */
  available(): Promise<boolean> {
    this.#available ??= this.#fetch(new URL(RELAY_PATH, this.#origin), { cache: 'no-store' })
      .then(async (response) => response.ok && (await response.text()) === RELAY_READY)
      .catch(() => {
        this.#available = undefined;
        return false;
      });
    return this.#available;
  }

  /** Sends `request` (to `url`, for `componentId`) through the relay; rejects with its error code. */
  async send(url: URL, request: OutboundRequest, componentId: string): Promise<Response> {
    const relayed = await this.#fetch(new URL(RELAY_PATH, this.#origin), {
      method: 'POST',
      headers: {
        [RELAY_HEADER.url]: url.href,
        [RELAY_HEADER.method]: request.method,
        [RELAY_HEADER.component]: componentId,
        [RELAY_HEADER.headers]: encodeHeaderList(request.headers),
      },
      body: request.body,
      signal: request.signal,
      cache: 'no-store',
    });
    if (relayed.status === 502 && relayed.headers.has(RELAY_HEADER.error)) {
      const tag = relayed.headers.get(RELAY_HEADER.error) ?? '';
      const message = await relayed.text();
      throw new OutboundError(RELAYED_ERRORS[tag] ?? { tag: 'internal-error', val: message }, message);
    }
    const status = Number(relayed.headers.get(RELAY_HEADER.status));
    if (!relayed.ok || !Number.isInteger(status)) {
      throw new OutboundError(
        { tag: 'internal-error', val: `the swerve up relay answered ${relayed.status}` },
        `the swerve up relay answered ${relayed.status}`,
      );
    }
    const headers = new Headers();
    for (const [name, value] of decodeHeaderList(relayed.headers.get(RELAY_HEADER.headers))) {
      // A Response refuses some names (set-cookie) and odd values; the guest gets the others.
      try {
        headers.append(name, value);
      } catch {
        continue;
      }
    }
    const bodyless = status === 204 || status === 205 || status === 304 || request.method === 'HEAD';
    return new Response(bodyless ? null : relayed.body, { status, headers });
  }
}

const relays = new Map<string, OutboundRelay>();

/** The relay of the server at `origin`, shared by every instance in this worker. */
export function relayFor(origin: string): OutboundRelay {
  let relay = relays.get(origin);
  if (!relay) relays.set(origin, (relay = new OutboundRelay(origin)));
  return relay;
}
