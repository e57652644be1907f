/** @module Interface wasi:clocks/types@0.3.0 **/
export type Duration = bigint;
