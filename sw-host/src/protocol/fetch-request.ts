/**
 * An HTTP request sent to an app over the host protocol, and its answer: what a page uses when
 * it cannot fetch the app's origin itself (a page of the site driving an app's host page, or a
 * host page whose runtime is a dedicated worker rather than a service worker).
 *
 * Both bodies cross as transferred `ReadableStream`s where the browser transfers streams
 * (Chromium, Firefox: `canTransferStreams`), so they stream as they do at the app's own origin;
 * elsewhere they cross as bytes, read whole up to MAX_BUFFERED_BODY_BYTES.
 */

/** A body as it crosses: a transferred stream, or bytes read whole. */
export type FetchBody = ReadableStream<Uint8Array> | Uint8Array;

export interface FetchRequest {
  /** Path and query at the app's origin (`/hello?x=1`), or an absolute URL at that origin. */
  url: string;
  method: string;
  headers: [string, string][];
  /** Absent for GET and HEAD. */
  body?: FetchBody;
  /** Whether the page takes the response body as a stream (it can transfer streams). */
  streamReply?: boolean;
}

export interface FetchReply {
  status: number;
  statusText: string;
  headers: [string, string][];
  /** A stream when the request asked for one (null for no body), else bytes. */
  body: FetchBody | null;
}

let transfersStreams: boolean | undefined;

/** Whether this browser transfers a `ReadableStream` in a message (Safari does not). */
export function canTransferStreams(): boolean {
  if (transfersStreams === undefined) {
    try {
      const stream = new ReadableStream();
      structuredClone(stream, { transfer: [stream] });
      transfersStreams = true;
    } catch {
      transfersStreams = false;
    }
  }
  return transfersStreams;
}
