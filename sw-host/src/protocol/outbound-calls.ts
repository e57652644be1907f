/**
 * The outgoing HTTP requests a component made while serving one request, as its request record
 * lists them (protocol/request-record.ts): where each went, how it ended, how long it took, and
 * whether `allowed_outbound_hosts` refused it. A handler in a loop may make thousands; the record
 * keeps the first `MAX_RECORDED_OUTBOUND_CALLS` and counts the rest, so it stays small.
 */

/**
 * Outbound calls one request record lists in full; later ones are only counted (`omitted`).
 * Enough for any handler a person reads call by call; a record in the host's journal (1,000 kept)
 * then stays under ~30 KB whatever the guest does.
 */
export const MAX_RECORDED_OUTBOUND_CALLS = 50;

/** A recorded URL or error longer than this is cut, with `…` at the end: a record is for reading, not replaying. */
export const MAX_RECORDED_OUTBOUND_TEXT = 256;

export interface OutboundCall {
  method: string;
  /** As the component wrote it: absolute, or a path for a request to the app itself. */
  url: string;
  /**
   * Where it went: `network` (the browser's fetch, or `swerve up`'s relay), `self` (the app
   * itself, served in process), `component` (service chaining to another component of the app).
   * Absent when it was denied before going anywhere.
   */
  target?: 'network' | 'self' | 'component';
  /** When it was sent (ms since the epoch). */
  at: number;
  /** Until the response's headers arrived (its body may stream on), or until it failed. */
  durationMs: number;
  /** The response's status, when one came (0 for an opaque response). */
  status?: number;
  /** Why no response came: the host's sentence (the one it logged, when it logged one). */
  error?: string;
  /** Set when `allowed_outbound_hosts` refused it; `error` then names the entry to add. */
  denied?: true;
}

/** A request's outbound calls: the first ones in full, and how many more were made. */
export interface OutboundCalls {
  calls: OutboundCall[];
  /** Calls made after the first `MAX_RECORDED_OUTBOUND_CALLS`, counted but not kept. */
  omitted: number;
}

/** Adds `call` to `into` (created when absent), within the limits above; returns `into`. */
export function addOutboundCall(into: OutboundCalls | undefined, call: OutboundCall): OutboundCalls {
  const calls = into ?? { calls: [], omitted: 0 };
  if (calls.calls.length >= MAX_RECORDED_OUTBOUND_CALLS) {
    calls.omitted += 1;
    return calls;
  }
  calls.calls.push({
    ...call,
    url: clipped(call.url),
    ...(call.error === undefined ? {} : { error: clipped(call.error) }),
  });
  return calls;
}

function clipped(text: string): string {
  return text.length > MAX_RECORDED_OUTBOUND_TEXT
    ? `${text.slice(0, MAX_RECORDED_OUTBOUND_TEXT - 1)}…`
    : text;
}
