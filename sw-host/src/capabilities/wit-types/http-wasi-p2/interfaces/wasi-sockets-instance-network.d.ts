/** @module Interface wasi:sockets/instance-network@0.2.12 **/
export function instanceNetwork(): Network;
export type Network = import('./wasi-sockets-network.js').Network;
