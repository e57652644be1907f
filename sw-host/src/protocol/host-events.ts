/**
 * Events the worker broadcasts to pages on a BroadcastChannel named `HOST_EVENTS_CHANNEL`.
 */
import type { RequestRecord } from './request-record.ts';

export const HOST_EVENTS_CHANNEL = 'swerve:host-events';

/** One log line: a guest's stdout or stderr, or something the host says. */
export interface LogRecord {
  id: number;
  /** ms since the epoch. */
  at: number;
  level: 'info' | 'warn' | 'error';
  /** `stdout` / `stderr` for guest output, `host` for the host's own messages. */
  source: 'stdout' | 'stderr' | 'host';
  app?: string;
  component?: string;
  requestId?: number;
  message: string;
}

export type HostEvent = { type: 'log'; record: LogRecord } | { type: 'request'; record: RequestRecord };
