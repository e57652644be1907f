import type { OutboundCalls } from './outbound-calls.ts';

/**
 * What the host records about each request it serves: who served it, how it ended, and where
 * the time went. Pages read these records (the playground's request list, the benchmark's
 * breakdown) through the `metrics` request.
 */
export interface RequestRecord {
  /** Increases by one per request, per worker start. */
  id: number;
  /** When the request arrived (ms since the epoch). */
  at: number;
  app: string;
  /** The component that served it; absent when no component was reached. */
  component?: string;
  method: string;
  /** The path and query as the app saw them. */
  path: string;
  status: number;
  timings: {
    /** Waiting for the component to be ready: ~0 once loaded, the whole load on first use. */
    loadMs: number;
    instantiateMs: number;
    handleMs: number;
    totalMs: number;
  };
  /** Set when this request loaded the component: how long fetching, compiling and evaluating its glue took. */
  load?: { fetchMs: number; compileMs: number; glueMs: number };
  /**
   * The guest worker that ran the component (`swerve-guest-2`), when a host page's pool did;
   * absent when the service worker ran it itself (docs/decisions/0019).
   */
  ranIn?: string;
  /** Why the request failed, when it did. */
  error?: string;
  /**
   * The outgoing HTTP requests the component made until its response began (protocol/outbound-calls.ts);
   * absent when it made none.
   */
  outbound?: OutboundCalls;
}
