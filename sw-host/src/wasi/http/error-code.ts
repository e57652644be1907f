/**
 * `wasi:http/types.error-code`, as jco's glue lowers it: `{ tag }`, or `{ tag, val }` for the
 * cases that carry a payload. Only the cases a browser host can tell apart are listed.
 */
export type ErrorCode =
  | { readonly tag: 'DNS-error'; readonly val: { readonly rcode?: string; readonly infoCode?: number } }
  | { readonly tag: 'destination-unavailable' }
  | { readonly tag: 'connection-refused' }
  | { readonly tag: 'connection-timeout' }
  | { readonly tag: 'connection-terminated' }
  | { readonly tag: 'TLS-certificate-error' }
  | { readonly tag: 'HTTP-request-denied' }
  | { readonly tag: 'loop-detected' }
  | { readonly tag: 'HTTP-request-URI-invalid' }
  | { readonly tag: 'HTTP-request-method-invalid' }
  /**
   * The body is over what the host buffers (the payload: the limit in bytes, as u64), or not the
   * length its content-length says (the payload: the bytes written).
   */
  | { readonly tag: 'HTTP-request-body-size'; readonly val: bigint | undefined }
  /** A response body is not the length its content-length says (the payload: bytes written). */
  | { readonly tag: 'HTTP-response-body-size'; readonly val: bigint | undefined }
  | { readonly tag: 'HTTP-response-incomplete' }
  | { readonly tag: 'HTTP-response-timeout' }
  | { readonly tag: 'internal-error'; readonly val: string | undefined };

/**
 * A failure to deliver an outgoing request, carrying the error code the guest receives.
 * Thrown by an `OutboundDispatcher`; anything else it throws reaches the guest as
 * `internal-error` with the error's message.
 */
export class OutboundError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

/** The error code for a failure of an outgoing request. */
export function errorCodeOf(error: unknown): ErrorCode {
  if (error instanceof OutboundError) return error.code;
  return { tag: 'internal-error', val: error instanceof Error ? error.message : String(error) };
}
