/** @module Interface wasi:random/insecure-seed@0.3.0 **/
export function getInsecureSeed(): [bigint, bigint];
