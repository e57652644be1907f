/**
 * What History's inspector shows for one entry: the latest answer this session got to that
 * request, and the log lines the host tagged with that request's id (LogRecord.requestId is the
 * RequestRecord.id of the request that wrote it).
 */
import type { LogRecord } from 'swerve/client';
import type { Answer } from './answer.ts';
import { hasBody, normaliseRequestPath, type RequestSpec } from './request-spec.ts';

/** The same request as History keeps it: a GET or HEAD carries no body. */
function sameRequest(a: RequestSpec, b: RequestSpec): boolean {
  return (
    a.method === b.method &&
    normaliseRequestPath(a.path) === normaliseRequestPath(b.path) &&
    a.headers.trim() === b.headers.trim() &&
    (!hasBody(a.method) || a.body === b.body)
  );
}

/** The latest of `exchanges` that answered `spec`, if this session sent it. */
export function exchangeFor(spec: RequestSpec, exchanges: readonly Answer[]): Answer | undefined {
  return exchanges.findLast((answer) => sameRequest(answer.request, spec));
}

/** The log lines of the request `answer` is for; none until its record has come. */
export function logsOf(answer: Answer, logs: readonly LogRecord[]): LogRecord[] {
  const record = answer.record;
  if (!record) return [];
  // Ids start again when the worker does: a line from before this request arrived is another's.
  return logs.filter(
    (line) => line.requestId === record.id && line.at >= record.at && (!line.app || line.app === record.app),
  );
}
