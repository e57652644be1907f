/**
 * The incoming side of `wasi:http/types`: the request a component serves (`incoming-request`),
 * the response it builds (`outgoing-response`) and where it puts it (`response-outparam`).
 * The response's body is a `ReadableStream` the page reads while the guest is still writing.
 */
import { OutgoingBody, IncomingBody } from './bodies.ts';
import { StreamSink } from './body-streams.ts';
import { declaredLength, LengthCheckedSink } from './declared-length.ts';
import { lockFields, receivedFields, type Fields } from './fields.ts';
import { toMethod, toScheme, type Method, type Scheme } from './methods.ts';
import type { ErrorCode } from './error-code.ts';

/** A request as the host hands it to a component. */
export interface IncomingRequestInit {
  readonly method: string;
  /** Absolute: the scheme and authority the component sees, and the path and query within the app. */
  readonly url: string;
  /** Every header, `host` and `spin-*` included (a WASI 0.2 guest is not shown the forbidden ones). */
  readonly headers: Iterable<readonly [string, string]>;
  /** The body as it arrives; null for none. */
  readonly body: ReadableStream<Uint8Array> | null;
}

export class IncomingRequest {
  readonly #url: URL;
  readonly #method: string;
  readonly #headers: Fields;
  #body: IncomingBody | undefined;

  /** Host-side only. */
  constructor(init: IncomingRequestInit) {
    this.#url = new URL(init.url);
    this.#method = init.method;
    // As wasmtime: `host` and the connection headers stay with the host (a WASI 0.3 guest sees them).
    this.#headers = receivedFields(init.headers);
    this.#body = new IncomingBody(init.body);
  }

  method(): Method {
    return toMethod(this.#method);
  }

  pathWithQuery(): string {
    return `${this.#url.pathname}${this.#url.search}`;
  }

  scheme(): Scheme {
    return toScheme(this.#url.protocol);
  }

  authority(): string {
    return this.#url.host;
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

/** What the host reads from a response the guest set. */
export interface ResponseParts {
  readonly status: number;
  readonly headers: Fields;
  readonly sink: StreamSink;
  /** Whether the guest asked for the body: one it never asks for is empty (and stays so). */
  readonly bodyTaken: boolean;
}

let partsOf: (response: OutgoingResponse) => ResponseParts;

export class OutgoingResponse {
  readonly #headers: Fields;
  readonly #sink = new StreamSink();
  #status = 200;
  #bodyRequested = false;

  static {
    partsOf = (response) => ({
      status: response.#status,
      headers: response.#headers,
      sink: response.#sink,
      bodyTaken: response.#bodyRequested,
    });
  }

  constructor(headers: Fields) {
    this.#headers = lockFields(headers);
  }

  statusCode(): number {
    return this.#status;
  }

  /** `set-status-code(status) -> result`. */
  setStatusCode(status: number): void {
    if (!Number.isInteger(status) || status < 100 || status > 599) throw undefined;
    this.#status = status;
  }

  headers(): Fields {
    return this.#headers;
  }

  /** `body() -> result<outgoing-body>`: once only. */
  body(): OutgoingBody {
    if (this.#bodyRequested) throw undefined;
    this.#bodyRequested = true;
    // The headers are immutable by now, so the declared length is final.
    const declared = declaredLength(this.#headers);
    return new OutgoingBody(
      declared === undefined ? this.#sink : new LengthCheckedSink(this.#sink, declared, 'response'),
    );
  }
}

export type ResponseResult =
  { readonly tag: 'ok'; readonly val: OutgoingResponse } | { readonly tag: 'err'; readonly val: ErrorCode };

export class ResponseOutparam {
  #deliver: ((result: ResponseResult) => void) | undefined;

  /** Host-side only: `deliver` receives what the guest sets, once. */
  constructor(deliver: (result: ResponseResult) => void) {
    this.#deliver = deliver;
  }

  static set(param: ResponseOutparam, result: ResponseResult): void {
    const deliver = param.#deliver;
    if (!deliver) throw new Error('The component set its response twice.');
    param.#deliver = undefined;
    deliver(result);
  }
}

/** What the host needs from a response the guest set. */
export function responseParts(response: OutgoingResponse): ResponseParts {
  return partsOf(response);
}
