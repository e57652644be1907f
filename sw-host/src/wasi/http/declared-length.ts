/**
 * A body held to the `content-length` its message declares, as wasmtime holds it
 * (crates/wasi-http, p2 `HostOutgoingBody`): a write that takes the body past the declared
 * length fails with `HTTP-request-body-size` / `HTTP-response-body-size` (the payload: the bytes
 * written so far), readable through `http-error-code`; finishing a body shorter or longer than
 * declared fails the message with the same code, and `finish` returns it. Servers that read
 * exactly `content-length` bytes would otherwise hang or read the next message as this one.
 */
import { ioErrorCreate } from '@bytecodealliance/preview2-shim/io';
import type { BodySink } from './body-streams.ts';
import { OutboundError, type ErrorCode } from './error-code.ts';
import type { Fields } from './fields.ts';

/** Which message a body belongs to: it picks the error code. */
export type BodyOf = 'request' | 'response';

const decoder = new TextDecoder();

/**
 * The length a message's headers declare: one `content-length` of decimal digits (repeated
 * identical values count as one, as HTTP allows). Anything else declares nothing here; the
 * body is then sent as written.
 */
export function declaredLength(headers: Fields): bigint | undefined {
  return contentLengthOf(headers.get('content-length').map((value) => decoder.decode(value)));
}

/** The same from the `content-length` values as text. */
export function contentLengthOf(texts: readonly string[]): bigint | undefined {
  const values = new Set(texts.map((value) => value.trim()));
  if (values.size !== 1) return undefined;
  const [value] = values;
  return value !== undefined && /^[0-9]{1,19}$/.test(value) ? BigInt(value) : undefined;
}

/** The error codes behind the io-errors a length-checked write fails with. */
const codesOfIoErrors = new WeakMap<object, ErrorCode>();

/** `http-error-code(io-error)`: the code behind a body-size failure; none for other errors. */
export function httpErrorCodeOf(ioError: unknown): ErrorCode | undefined {
  return typeof ioError === 'object' && ioError !== null ? codesOfIoErrors.get(ioError) : undefined;
}

export function bodySizeError(of: BodyOf, written: bigint): ErrorCode {
  return of === 'request'
    ? { tag: 'HTTP-request-body-size', val: written }
    : { tag: 'HTTP-response-body-size', val: written };
}

export function mismatchMessage(of: BodyOf, declared: bigint, written: bigint): string {
  return (
    `The ${of} body is ${written} bytes but its content-length says ${declared}. ` +
    'Write exactly content-length bytes, or leave content-length out and let the host size the body.'
  );
}

/** `sink`, counting what is written against the declared length. */
export class LengthCheckedSink implements BodySink {
  #written = 0n;

  constructor(
    readonly sink: BodySink,
    readonly declared: bigint,
    readonly of: BodyOf,
  ) {}

  write(chunk: Uint8Array): void {
    // As wasmtime: the chunk is passed on, then the write reports the overrun.
    this.sink.write(chunk);
    this.#written += BigInt(chunk.byteLength);
    if (this.#written > this.declared) {
      const code = bodySizeError(this.of, this.#written);
      const ioError = ioErrorCreate(mismatchMessage(this.of, this.declared, this.#written)) as object;
      codesOfIoErrors.set(ioError, code);
      throw { tag: 'last-operation-failed', val: ioError };
    }
  }

  capacity(): number {
    return this.sink.capacity();
  }

  waitForCapacity(): Promise<void> {
    return this.sink.waitForCapacity();
  }

  /** Finishes the body, or fails it and returns the error code when the length is off. */
  finish(): ErrorCode | undefined {
    if (this.#written === this.declared) {
      this.sink.close();
      return undefined;
    }
    const code = bodySizeError(this.of, this.#written);
    this.sink.fail(new OutboundError(code, mismatchMessage(this.of, this.declared, this.#written)));
    return code;
  }

  close(): void {
    this.finish();
  }

  fail(reason: Error): void {
    this.sink.fail(reason);
  }

  closed(): boolean {
    return this.sink.closed();
  }
}
