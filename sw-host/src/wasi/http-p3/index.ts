/**
 * Swerve's host side of WASI 0.3's `wasi:http` (`types@0.3.x` and `handler@0.3.x`) for jco's
 * glue: requests from the page in, streamed responses out. See docs/decisions/0018-wasi-0-3.md.
 */
export { findP3Handle, serveP3Request, P3ErrorCode, type P3Handle } from './serve-handler.ts';
export type { ServedResponse } from './outgoing-response.ts';
export { p3Types, toP3Request } from './types.ts';
