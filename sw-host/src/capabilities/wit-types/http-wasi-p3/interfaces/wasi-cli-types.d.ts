/** @module Interface wasi:cli/types@0.3.0 **/
/**
 * # Variants
 *
 * ## `"io"`
 *
 * ## `"illegal-byte-sequence"`
 *
 * ## `"pipe"`
 */
export type ErrorCode = 'io' | 'illegal-byte-sequence' | 'pipe';
