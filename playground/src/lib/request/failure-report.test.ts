import { describe, expect, it } from 'vitest';
import type { LogRecord, RequestRecord } from 'swerve/client';
import { failureReport, userFramesOnly } from './failure-report.ts';

const record = (id: number, error?: string): RequestRecord => ({
  id,
  at: 0,
  app: 'app',
  method: 'GET',
  path: '/',
  status: 500,
  timings: { loadMs: 0, instantiateMs: 0, handleMs: 0, totalMs: 0 },
  ...(error ? { error } : {}),
});
const log = (requestId: number, message: string, source: LogRecord['source'] = 'stderr'): LogRecord => ({
  id: requestId * 10,
  at: 0,
  level: source === 'host' ? 'error' : 'info',
  source,
  requestId,
  message,
});

describe('userFramesOnly', () => {
  it("keeps the user's frames and the message, and counts the runner's", () => {
    const stack = [
      '[runner] Uncaught RangeError: too many items',
      'check@/index.ts:6:30',
      'fetch@/index.ts:15:72',
      'handle@runner.js:120:14',
      '@self-hosted:1:1',
      '  at Runner.serve (runner.js:9:3)',
    ].join('\n');
    expect(userFramesOnly(stack)).toEqual({
      message: '[runner] Uncaught RangeError: too many items\ncheck@/index.ts:6:30\nfetch@/index.ts:15:72',
      hiddenFrames: 3,
    });
  });

  it('leaves a line that is no frame as it is', () => {
    expect(userFramesOnly('answered 504: its deadline of 10 s passed')).toEqual({
      message: 'answered 504: its deadline of 10 s passed',
      hiddenFrames: 0,
    });
  });
});

describe('failureReport', () => {
  it("names the host's reason and this request's lines only", () => {
    const report = failureReport(504, record(2, 'stopped: its deadline of 10 s passed'), [
      log(1, 'another request'),
      log(2, 'GET / answered 504: stopped', 'host'),
    ]);
    expect(report).toEqual({
      hostReason: 'stopped: its deadline of 10 s passed',
      log: { message: 'GET / answered 504: stopped', hiddenFrames: 0 },
    });
  });

  it('says nothing of a success, or of a failure nothing explains', () => {
    expect(failureReport(200, record(1), [log(1, 'printed')])).toBeUndefined();
    expect(failureReport(404, record(1), [])).toBeUndefined();
  });
});
