/**
 * The outgoing side of `wasi:http/types`: the request a component sends (`outgoing-request`,
 * `request-options`) and what comes back (`future-incoming-response`, `incoming-response`).
 * `outgoing-handler.ts` turns a request into a fetch-like call to the host's dispatcher.
 */
import { pollableCreate } from '@bytecodealliance/preview2-shim/io';
import { IncomingBody, OutgoingBody } from './bodies.ts';
import { BufferSink, disposeSymbol } from './body-streams.ts';
import { declaredLength, LengthCheckedSink } from './declared-length.ts';
import type { ErrorCode } from './error-code.ts';
import { lockFields, receivedFields, type Fields } from './fields.ts';
import { type Method, type Scheme } from './methods.ts';
import { isPathWithQuery } from './path-with-query.ts';

const AUTHORITY = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~%!$&'()*+,;=]*)(:[0-9]{0,5})?$/;

/** What the handler reads from a request the guest built. */
export interface RequestParts {
  readonly method: Method;
  readonly scheme: Scheme | undefined;
  readonly authority: string | undefined;
  readonly pathWithQuery: string | undefined;
  readonly headers: Fields;
  /** The body once the guest finished it; null when it never asked for one. */
  readonly body: Promise<Blob> | null;
}

let requestPartsOf: (request: OutgoingRequest) => RequestParts;

export class OutgoingRequest {
  readonly #headers: Fields;
  readonly #sink = new BufferSink();
  #bodyRequested = false;
  #method: Method = { tag: 'get' };
  #scheme: Scheme | undefined;
  #authority: string | undefined;
  #pathWithQuery: string | undefined;

  static {
    requestPartsOf = (request) => ({
      method: request.#method,
      scheme: request.#scheme,
      authority: request.#authority,
      pathWithQuery: request.#pathWithQuery,
      headers: request.#headers,
      body: request.#bodyRequested ? request.#sink.body : null,
    });
  }

  constructor(headers: Fields) {
    this.#headers = lockFields(headers);
  }

  /** `body() -> result<outgoing-body>`: once only. */
  body(): OutgoingBody {
    if (this.#bodyRequested) throw undefined;
    this.#bodyRequested = true;
    // The headers are immutable by now, so the declared length is final.
    const declared = declaredLength(this.#headers);
    return new OutgoingBody(
      declared === undefined ? this.#sink : new LengthCheckedSink(this.#sink, declared, 'request'),
    );
  }

  method(): Method {
    return this.#method;
  }

  setMethod(method: Method): void {
    if (method.tag === 'other' && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method.val ?? '')) throw undefined;
    this.#method = method;
  }

  pathWithQuery(): string | undefined {
    return this.#pathWithQuery;
  }

  setPathWithQuery(pathWithQuery: string | undefined): void {
    if (pathWithQuery !== undefined && !isPathWithQuery(pathWithQuery)) throw undefined;
    this.#pathWithQuery = pathWithQuery;
  }

  scheme(): Scheme | undefined {
    return this.#scheme;
  }

  setScheme(scheme: Scheme | undefined): void {
    if (scheme?.tag === 'other' && !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme.val)) throw undefined;
    this.#scheme = scheme;
  }

  authority(): string | undefined {
    return this.#authority;
  }

  setAuthority(authority: string | undefined): void {
    if (authority !== undefined && !AUTHORITY.test(authority)) throw undefined;
    this.#authority = authority;
  }

  headers(): Fields {
    return this.#headers;
  }
}

/** What the handler reads from a request the guest built. */
export function requestParts(request: OutgoingRequest): RequestParts {
  return requestPartsOf(request);
}

/** Timeouts in nanoseconds, as the guest sets them; none means the host's default. */
export class RequestOptions {
  #connect: bigint | undefined;
  #firstByte: bigint | undefined;
  #betweenBytes: bigint | undefined;

  connectTimeout(): bigint | undefined {
    return this.#connect;
  }

  setConnectTimeout(duration: bigint | undefined): void {
    this.#connect = duration;
  }

  firstByteTimeout(): bigint | undefined {
    return this.#firstByte;
  }

  setFirstByteTimeout(duration: bigint | undefined): void {
    this.#firstByte = duration;
  }

  betweenBytesTimeout(): bigint | undefined {
    return this.#betweenBytes;
  }

  setBetweenBytesTimeout(duration: bigint | undefined): void {
    this.#betweenBytes = duration;
  }
}

export class IncomingResponse {
  readonly #status: number;
  readonly #headers: Fields;
  #body: IncomingBody | undefined;

  /** Host-side only: a fetch `Response`, from the network or from the app itself. */
  constructor(response: Response) {
    this.#status = response.status;
    this.#headers = receivedFields(response.headers);
    this.#body = new IncomingBody(response.body);
  }

  status(): number {
    return this.#status;
  }

  headers(): Fields {
    return this.#headers;
  }

  /** `consume() -> result<incoming-body>`: once only. */
  consume(): IncomingBody {
    const body = this.#body;
    if (!body) throw undefined;
    this.#body = undefined;
    return body;
  }
}

type ResponseOutcome =
  { readonly tag: 'ok'; readonly val: IncomingResponse } | { readonly tag: 'err'; readonly val: ErrorCode };

export class FutureIncomingResponse {
  #outcome: ResponseOutcome | undefined;
  #taken = false;
  readonly #settled: Promise<void>;
  #cancel: (() => void) | undefined;

  /**
   * Host-side only. `outcome` never rejects; `cancel` aborts the request if the guest drops the
   * future before it settles.
   */
  constructor(outcome: Promise<ResponseOutcome>, cancel: () => void) {
    this.#cancel = cancel;
    this.#settled = outcome.then((settled) => {
      this.#outcome = settled;
      this.#cancel = undefined;
    });
  }

  subscribe() {
    return pollableCreate(this.#settled);
  }

  /** `get() -> option<result<result<incoming-response, error-code>>>`. */
  get() {
    if (this.#outcome === undefined) return undefined;
    if (this.#taken) return { tag: 'err', val: undefined } as const;
    this.#taken = true;
    return { tag: 'ok', val: this.#outcome } as const;
  }

  [disposeSymbol](): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }
}
