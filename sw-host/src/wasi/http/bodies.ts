/**
 * `outgoing-body`, `incoming-body` and `future-trailers`. Trailers are not supported: a browser
 * can neither send nor read them. An outgoing body ends when the guest finishes it; dropped
 * unfinished, its message fails ("response corrupted" in wasmtime), as WASI says. A body whose
 * message declares a `content-length` is held to it (declared-length.ts).
 */
import { pollableCreate } from '@bytecodealliance/preview2-shim/io';
import {
  disposeStream,
  disposeSymbol,
  inputStreamFrom,
  outputStreamTo,
  type BodySink,
  type InputStream,
  type OutputStream,
} from './body-streams.ts';
import { LengthCheckedSink } from './declared-length.ts';
import type { Fields } from './fields.ts';

export class OutgoingBody {
  #stream: OutputStream | undefined;
  #sink: BodySink;
  #finished = false;

  /** Host-side only: the guest gets bodies from `outgoing-request.body` and `outgoing-response.body`. */
  constructor(sink: BodySink) {
    this.#sink = sink;
    this.#stream = outputStreamTo(sink);
  }

  /** `write() -> result<output-stream>`: once only. */
  write(): OutputStream {
    const stream = this.#stream;
    if (!stream) throw undefined;
    this.#stream = undefined;
    return stream;
  }

  /** `finish(this: outgoing-body, trailers: option<trailers>) -> result<_, error-code>`. */
  static finish(body: OutgoingBody, trailers: Fields | undefined): void {
    if (body.#finished) throw { tag: 'internal-error', val: 'the body is already finished' };
    body.#finished = true;
    if (trailers !== undefined && trailers.entries().length > 0) {
      body.#sink.fail(new Error('trailers are not supported in the browser'));
      throw { tag: 'internal-error', val: 'trailers are not supported in the browser' };
    }
    if (!(body.#sink instanceof LengthCheckedSink)) return body.#sink.close();
    // A body shorter or longer than its content-length fails, and finish says why.
    const mismatch = body.#sink.finish();
    if (mismatch) throw mismatch;
  }

  [disposeSymbol](): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#sink.fail(new Error('the component dropped a body without finishing it'));
  }
}

export class FutureTrailers {
  #taken = false;

  subscribe() {
    return pollableCreate();
  }

  /** `get() -> option<result<result<option<trailers>, error-code>>>`: never any trailers. */
  get() {
    if (this.#taken) return { tag: 'err', val: undefined } as const;
    this.#taken = true;
    return { tag: 'ok', val: { tag: 'ok', val: undefined } } as const;
  }

  [disposeSymbol](): void {}
}

export class IncomingBody {
  #stream: InputStream | undefined;

  /** Host-side only. */
  constructor(source: ReadableStream<Uint8Array> | null) {
    this.#stream = inputStreamFrom(source);
  }

  /** `stream() -> result<input-stream>`: once only. */
  stream(): InputStream {
    const stream = this.#stream;
    if (!stream) throw undefined;
    this.#stream = undefined;
    return stream;
  }

  static finish(body: IncomingBody): FutureTrailers {
    if (body.#stream) disposeStream(body.#stream);
    body.#stream = undefined;
    return new FutureTrailers();
  }

  [disposeSymbol](): void {
    if (this.#stream) disposeStream(this.#stream);
  }
}
