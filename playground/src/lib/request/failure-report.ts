/**
 * Why a request failed, for the answer pane: the host's own reason when the host answered (a
 * deadline, a trap, a lost worker), and the request's error and stderr lines with their stack
 * traces cut down to the user's frames. The runner's own frames (its module loader, its fetch
 * glue) say nothing about the user's bug, so they are counted, not shown.
 */
import type { LogRecord, RequestRecord } from 'swerve/client';

export interface FailureLine {
  message: string;
  /** Stack frames left out: the runner's own. */
  hiddenFrames: number;
}

export interface FailureReport {
  /** The host's reason, when the host produced the answer rather than the app. */
  hostReason?: string;
  /** The request's error and stderr lines (a stack may come one line per record), as one text. */
  log?: FailureLine;
}

/** `fn@file:line:col` (SpiderMonkey, which the runner runs on) or `at fn (file:line:col)` (V8). */
const FRAME = /^\s*(?:[^\s@]*@(\S*)|at (?:.*\()?([^\s()]+)\)?)\s*$/;

/**
 * The user's project files are at the root of the app's file system (`/index.ts`): a frame
 * elsewhere (no file, a URL, `self-hosted`, the runner's bundle) is the runner's.
 */
function isUserFrame(location: string): boolean {
  return location.startsWith('/');
}

/** `message` with the runner's stack frames taken out, and how many were. */
export function userFramesOnly(message: string): FailureLine {
  let hiddenFrames = 0;
  const kept = message.split('\n').filter((line) => {
    const frame = FRAME.exec(line);
    if (!frame) return true;
    if (isUserFrame(frame[1] ?? frame[2] ?? '')) return true;
    hiddenFrames++;
    return false;
  });
  return { message: kept.join('\n'), hiddenFrames };
}

/** What explains a 4xx/5xx answer: undefined for a success, or when nothing was recorded. */
export function failureReport(
  status: number,
  record: RequestRecord | undefined,
  logs: readonly LogRecord[],
): FailureReport | undefined {
  if (status < 400 || !record) return undefined;
  const lines = logs
    .filter((l) => l.requestId === record.id && (l.level === 'error' || l.source === 'stderr'))
    .map((l) => l.message);
  if (!record.error && !lines.length) return undefined;
  return {
    ...(record.error ? { hostReason: record.error.replace(/^\[swerve\] /, '') } : {}),
    ...(lines.length ? { log: userFramesOnly(lines.join('\n')) } : {}),
  };
}
