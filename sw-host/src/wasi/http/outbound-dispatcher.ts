/**
 * The seam between a component's outgoing requests and whoever delivers them. `wasi/` knows
 * nothing of apps: the host implements this (checking `allowed_outbound_hosts`, dispatching
 * requests to the app itself in process, fetching the rest) and passes it into the instance's
 * imports.
 */

/** A request a component sent, as the host receives it. */
export interface OutboundRequest {
  readonly method: string;
  /** Absolute (`https://api.example.com/v1`), or a path for a request to the app itself (`/x?y`). */
  readonly url: string;
  readonly headers: Headers;
  /** The whole body, once the guest finished writing it; null for none. */
  readonly body: Blob | null;
  /** Aborted when the guest gives up on the request or a timeout it set expires. */
  readonly signal: AbortSignal;
}

export interface OutboundDispatcher {
  /**
   * Delivers `request`. Rejects with an `OutboundError` to give the guest a specific error code
   * (`HTTP-request-denied`, `connection-refused`, ...); any other rejection reaches it as
   * `internal-error`.
   */
  send(request: OutboundRequest): Promise<Response>;
}
