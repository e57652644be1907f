/**
 * `swerve/protocol`: the messages between pages and the host, for tools that speak it directly
 * (the project's browser tests and benchmarks). Apps and sites use `swerve/client` instead.
 */
export * from './messages.ts';
export * from './paths.ts';
export type * from './deploy.ts';
export type * from './host-events.ts';
export { HOST_EVENTS_CHANNEL } from './host-events.ts';
export type * from './request-record.ts';
export type * from './outbound-calls.ts';
export { MAX_RECORDED_OUTBOUND_CALLS } from './outbound-calls.ts';
