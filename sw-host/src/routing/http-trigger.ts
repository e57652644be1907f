/**
 * A `[[trigger.http]]` table of a Spin manifest, as the manifest parser (../manifest) leaves it and
 * the router takes it. Defined here, under the router, so that routing needs nothing from the
 * parser; `manifest/types.ts` re-exports it with the rest of the manifest's shapes.
 */

/** One `[[trigger.http]]` table. */
export interface HttpTrigger {
  /** 1-based position among the `[[trigger.http]]` tables, as messages name it (`#2`). */
  readonly index: number;
  /** The trigger's `id`, or the one Spin generates (`<component>-http-trigger`, `http-trigger<n>`). */
  readonly id: string;
  readonly route: HttpRoute;
  readonly handler: TriggerHandler;
}

/** `route = "/pattern"` (kept exactly as written) or `route = { private = true }`. */
export type HttpRoute = { readonly kind: 'pattern'; readonly pattern: string } | { readonly kind: 'private' };

/** What answers a trigger: a component (by id; inline ones are moved out) or a static response. */
export type TriggerHandler =
  | { readonly kind: 'component'; readonly componentId: string }
  | { readonly kind: 'static-response'; readonly response: StaticResponse };

/** `static_response = { status_code, headers, body }`. */
export interface StaticResponse {
  /** `status_code`, 200 when absent. */
  readonly status: number;
  /** `headers`, in manifest order. */
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body?: string;
}
