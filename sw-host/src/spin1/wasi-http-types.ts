/**
 * The parts of the host's `wasi:http/types` (wasi/http/, a later layer) the Spin 1 adapter
 * uses, as it finds them in an instance's imports: the same classes jco's glue uses, so the
 * response it sets is one `serveIncoming` knows.
 */

export interface InputStreamLike {
  /** Resolves with the next bytes; throws `{ tag: 'closed' }` at the end. */
  blockingRead(length: bigint): Uint8Array | Promise<Uint8Array>;
}

export interface IncomingRequestLike {
  method(): { tag: string; val?: string };
  pathWithQuery(): string | undefined;
  headers(): { entries(): [string, Uint8Array][] };
  consume(): { stream(): InputStreamLike };
}

export type ResponseOutparamLike = object;

interface FieldsLike {
  append(name: string, value: Uint8Array): void;
}

interface OutgoingBodyLike {
  write(): { blockingWriteAndFlush(bytes: Uint8Array): unknown };
}

interface OutgoingResponseLike {
  setStatusCode(status: number): void;
  body(): OutgoingBodyLike;
}

export interface HttpTypes {
  Fields: new () => FieldsLike;
  OutgoingResponse: new (headers: FieldsLike) => OutgoingResponseLike;
  OutgoingBody: { finish(body: OutgoingBodyLike, trailers: undefined): void };
  ResponseOutparam: {
    set(out: ResponseOutparamLike, result: { tag: 'ok'; val: OutgoingResponseLike }): void;
  };
}
