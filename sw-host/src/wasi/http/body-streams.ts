/**
 * The byte streams under HTTP bodies: a guest's writes become a `ReadableStream` (a response the
 * page reads as it is written) or a buffered `Blob` (an outgoing request), and a
 * `ReadableStream` (a request from the page, a response from `fetch`) becomes a guest's input
 * stream, read one chunk at a time. Nothing holds a whole body more than once.
 *
 * The streams are preview2-shim's `wasi:io/streams` resources, so that they are the very
 * classes jco's glue checks handles against. With JSPI, a handler that returns a promise makes
 * the guest's blocking call wait for it.
 */
import { bodyTooLarge, MAX_BUFFERED_BODY_BYTES } from '../../protocol/body-limit.ts';
import { OutboundError } from './error-code.ts';
import {
  inputStreamCreate,
  ioErrorCreate,
  outputStreamCreate,
  pollableCreate,
} from '@bytecodealliance/preview2-shim/io';

export type InputStream = ReturnType<typeof inputStreamCreate>;
export type OutputStream = ReturnType<typeof outputStreamCreate>;

/**
 * What jco's glue calls on a host resource when the guest drops its handle (as preview2-shim
 * defines it).
 */
export const disposeSymbol: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('dispose');

/** Drops a stream the guest never took. */
export function disposeStream(stream: InputStream | OutputStream): void {
  (stream as unknown as Record<symbol, () => void>)[disposeSymbol]?.();
}

/** How much a guest may write before it must wait for the reader. */
export const RESPONSE_BUFFER_BYTES = 1 << 20;
/** The most bytes one `check-write` grants. */
const WRITE_PERMIT = 1 << 16;

/** Where a guest's writes to an outgoing body go. */
export interface BodySink {
  /** Takes one chunk (a copy the glue made of guest memory). */
  write(chunk: Uint8Array): void;
  /** Bytes the sink takes now without growing past its buffer; 0 means wait. */
  capacity(): number;
  /** Settles once `capacity()` is above 0, or the sink is closed. */
  waitForCapacity(): Promise<void>;
  /** The guest finished the body. */
  close(): void;
  /** The body ends in failure (the guest dropped it unfinished, or trapped). */
  fail(reason: Error): void;
  /** True once the body ended (finished, failed, or the reader went away): writes fail as closed. */
  closed(): boolean;
}

function closedError(): never {
  throw { tag: 'closed' };
}

/**
 * The trap for a write into a full body without a `check-write` first (wasmtime's is "write
 * exceeded budget"): the guest broke the stream's contract, and nothing tells it to wait.
 */
export function writePastBudget(bytes: number): Error {
  return new Error(
    `write exceeded budget: the component wrote ${bytes} bytes to a body stream whose buffer is ` +
      "full, without calling check-write first. Call check-write (or wait on the stream's " +
      'pollable) before writing, or use blocking-write-and-flush.',
  );
}

/**
 * The guest's output stream over `sink`.
 *
 * `write` and `write-zeroes` do what wasmtime's body stream does (crates/wasi-http, p2/body.rs
 * `BodyWriteStream`), not what preview2-shim's `OutputStream` does (it refuses any write larger
 * than the last `check-write` permit): a write is taken whole, whatever its size and whether or
 * not `check-write` came first, as long as the buffer has room; only a write into a full buffer
 * traps. Guests rely on it (TinyGo's wasip2 Spin SDK writes without `check-write`).
 * `blocking-flush` waits until the reader has made room, as wasmtime's does (`write_ready`).
 */
export function outputStreamTo(sink: BodySink): OutputStream {
  let open = true;
  const write = (chunk: Uint8Array) => {
    if (!open) closedError();
    sink.write(chunk);
  };
  const writeWithoutPermit = (chunk: Uint8Array) => {
    if (!open || sink.closed()) closedError();
    // A write of nothing needs no permit (WASI allows it even when check-write says 0).
    if (chunk.byteLength > 0 && sink.capacity() === 0) throw writePastBudget(chunk.byteLength);
    sink.write(chunk);
  };
  const untilRoom = () => (sink.capacity() > 0 || sink.closed() ? undefined : sink.waitForCapacity());
  const stream = outputStreamCreate({
    checkWrite: () => BigInt(open ? Math.min(sink.capacity(), WRITE_PERMIT) : 0),
    write,
    blockingWriteAndFlush(chunk: Uint8Array) {
      write(chunk);
      // Resolves when the reader has caught up; JSPI suspends the guest meanwhile.
      return untilRoom();
    },
    flush() {},
    blockingFlush: untilRoom,
    subscribe: () => pollableCreate({ ready: () => sink.capacity() > 0, wait: () => sink.waitForCapacity() }),
    drop() {
      open = false;
    },
  } as Parameters<typeof outputStreamCreate>[0]);
  // Own properties shadow the shim class's methods, which jco's glue calls on the instance.
  return Object.assign(stream, {
    write: writeWithoutPermit,
    writeZeroes: (length: bigint) => writeWithoutPermit(new Uint8Array(Number(length))),
    blockingFlush: () => {
      if (!open) closedError();
      return untilRoom();
    },
  });
}

/**
 * A sink read as a `ReadableStream`, holding at most about `highWater` bytes the reader has not
 * taken yet. `discard()` turns it into a sink that drops what it is given (a response to HEAD).
 */
export class StreamSink implements BodySink {
  readonly stream: ReadableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #waiters: (() => void)[] = [];
  #done = false;
  #discarding = false;

  constructor(highWater = RESPONSE_BUFFER_BYTES) {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => this.#wake(),
        cancel: () => {
          // The reader went away (the page aborted): the guest's next write fails as closed.
          this.#done = true;
          this.#wake();
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: highWater }),
    );
  }

  write(chunk: Uint8Array): void {
    if (this.#discarding) return;
    if (this.#done) closedError();
    if (chunk.byteLength > 0) this.#controller.enqueue(chunk);
  }

  capacity(): number {
    if (this.#discarding) return WRITE_PERMIT;
    if (this.#done) return 0;
    return Math.max(0, this.#controller.desiredSize ?? 0);
  }

  waitForCapacity(): Promise<void> {
    if (this.capacity() > 0 || this.#done) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  close(): void {
    if (this.#done) return;
    this.#done = true;
    if (!this.#discarding) this.#controller.close();
    this.#wake();
  }

  fail(reason: Error): void {
    if (this.#done) return;
    this.#done = true;
    if (!this.#discarding) this.#controller.error(reason);
    this.#wake();
  }

  closed(): boolean {
    return this.#done && !this.#discarding;
  }

  /** From now on writes are accepted and dropped; the stream is cancelled. */
  discard(): void {
    if (this.#discarding) return;
    this.#discarding = true;
    if (!this.#done) this.#controller.close();
    this.#wake();
  }

  #wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
}

/**
 * A sink that keeps the body until it is finished, as a `Blob` (one copy, not in JS heap chunks),
 * up to `limit` bytes (MAX_BUFFERED_BODY_BYTES): past it the body fails with
 * `HTTP-request-body-size` and the guest's next write finds the stream closed.
 */
export class BufferSink implements BodySink {
  readonly #parts: Uint8Array<ArrayBuffer>[] = [];
  #size = 0;
  #settle!: { resolve: (body: Blob) => void; reject: (reason: Error) => void };
  #done = false;
  /** The whole body once the guest finished it; rejects if it never does. */
  readonly body = new Promise<Blob>((resolve, reject) => (this.#settle = { resolve, reject }));

  constructor(readonly limit = MAX_BUFFERED_BODY_BYTES) {
    // A request whose body fails is not sent; nobody need await it.
    this.body.catch(() => undefined);
  }

  write(chunk: Uint8Array): void {
    if (this.#done) closedError();
    this.#size += chunk.byteLength;
    if (this.#size > this.limit) {
      const { message } = bodyTooLarge(
        'An outgoing request body',
        'Send less per request, or split the data over several requests.',
        this.limit,
      );
      this.fail(new OutboundError({ tag: 'HTTP-request-body-size', val: BigInt(this.limit) }, message));
      closedError();
    }
    this.#parts.push(chunk as Uint8Array<ArrayBuffer>);
  }

  capacity(): number {
    return this.#done ? 0 : WRITE_PERMIT;
  }

  waitForCapacity(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    if (this.#done) return;
    this.#done = true;
    this.#settle.resolve(new Blob(this.#parts));
    this.#parts.length = 0;
  }

  fail(reason: Error): void {
    if (this.#done) return;
    this.#done = true;
    this.#parts.length = 0;
    this.#settle.reject(reason);
  }

  closed(): boolean {
    return this.#done;
  }
}

/**
 * The guest's input stream over `source` (none: an empty body). It reads one chunk ahead, so a
 * large body is never held whole; `read` returns what has arrived, `blocking-read` waits.
 */
export function inputStreamFrom(source: ReadableStream<Uint8Array> | null): InputStream {
  const reader = source?.getReader();
  let chunk: Uint8Array | undefined;
  let offset = 0;
  let done = reader === undefined;
  let failure: Error | undefined;
  let pending: Promise<void> | undefined;

  const buffered = () => chunk !== undefined && offset < chunk.byteLength;
  const ready = () => done || buffered();
  const fetchNext = (): Promise<void> => {
    if (ready() || !reader) return Promise.resolve();
    pending ??= (async () => {
      try {
        // Empty chunks carry nothing: keep reading until bytes or the end.
        for (;;) {
          const next = await reader.read();
          if (next.done) {
            done = true;
            return;
          }
          if (next.value.byteLength > 0) {
            chunk = next.value;
            offset = 0;
            return;
          }
        }
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        done = true;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  const read = (len: bigint): Uint8Array => {
    if (buffered() && chunk) {
      const end = Math.min(chunk.byteLength, offset + Number(len));
      const bytes = chunk.subarray(offset, end);
      offset = end;
      if (!buffered()) {
        chunk = undefined;
        void fetchNext();
      }
      return bytes;
    }
    if (failure) throw { tag: 'last-operation-failed', val: ioErrorCreate(failure.message) };
    if (done) closedError();
    void fetchNext();
    return new Uint8Array(0);
  };
  const blockingRead = (len: bigint): Uint8Array | Promise<Uint8Array> =>
    ready() || len === 0n ? read(len) : fetchNext().then(() => read(len));

  void fetchNext();
  return inputStreamCreate({
    read,
    blockingRead,
    skip: (len: bigint) => BigInt(read(len).byteLength),
    blockingSkip: (len: bigint) => {
      const bytes = blockingRead(len);
      return bytes instanceof Promise ? bytes.then((b) => BigInt(b.byteLength)) : BigInt(bytes.byteLength);
    },
    subscribe: () => pollableCreate({ ready, wait: fetchNext }),
    drop() {
      done = true;
      chunk = undefined;
      if (reader) void reader.cancel().catch(() => undefined);
    },
  } as unknown as Parameters<typeof inputStreamCreate>[0]);
}
