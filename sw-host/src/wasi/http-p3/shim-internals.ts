/**
 * The one place the host reaches past preview3-shim's public `Request`: its body and trailers as
 * the guest gave them, and the future `request.new` handed the guest, which settles once the
 * body went out. preview3-shim's own client uses these (`dist/browser/http/client.js`); the WIT
 * has no host-side way to them. Each is checked when used, so a preview3-shim that renames one
 * fails with an error that says so instead of a TypeError deep in a request
 * (shim-internals.test.ts checks the installed one).
 */
import { SwerveError } from '../../errors.ts';
import type { ErrorCode } from '../http/error-code.ts';
import type { P3Request } from './types.ts';

/** How sending the request ended, for the future `request.new` gave the guest. */
export type Transmission = { tag: 'ok'; val: undefined } | { tag: 'err'; val: ErrorCode };

/** preview3-shim's `Request` internals. */
export interface ShimRequestInternals {
  /** The body the guest gave `request.new` (a stream end), if any. */
  _body(): unknown;
  /** The trailers future the guest gave `request.new`. */
  _trailers(): Promise<{ tag: 'ok' | 'err'; val?: unknown }>;
  /** Settles the future `request.new` gave the guest. */
  _resolve(result: Transmission): void;
}

export const SHIM_REQUEST_INTERNALS = ['_body', '_trailers', '_resolve'] as const;

/** `request`'s internals, or a `guest-failed` error naming the one this preview3-shim lacks. */
export function shimInternals(request: P3Request): ShimRequestInternals {
  const missing = SHIM_REQUEST_INTERNALS.filter(
    (name) => typeof (request as unknown as Record<string, unknown>)[name] !== 'function',
  );
  if (missing.length > 0) {
    throw new SwerveError(
      'guest-failed',
      `The installed @bytecodealliance/preview3-shim has no Request.${missing.join(', Request.')}, which ` +
        "Swerve's wasi:http/client reads a guest's request through: install the preview3-shim version " +
        'sw-host/package.json names, or update sw-host/src/wasi/http-p3/shim-internals.ts for this one.',
    );
  }
  return request as unknown as ShimRequestInternals;
}
