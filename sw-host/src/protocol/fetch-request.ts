/**
 * An HTTP request sent to an app over the host protocol, and its answer: what a page uses when
 * it cannot fetch the app's origin itself (a page of the site driving an app's host page, or a
 * host page whose runtime is a dedicated worker rather than a service worker).
 */
export interface FetchRequest {
  /** Path and query at the app's origin (`/hello?x=1`), or an absolute URL at that origin. */
  url: string;
  method: string;
  headers: [string, string][];
  /** Absent for GET and HEAD. */
  body?: Uint8Array;
}

export interface FetchReply {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Uint8Array;
}
