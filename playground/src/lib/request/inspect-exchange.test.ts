import { describe, expect, it } from 'vitest';
import type { LogRecord, RequestRecord } from 'swerve/client';
import type { Answer } from './answer.ts';
import { exchangeFor, logsOf } from './inspect-exchange.ts';

const record: RequestRecord = {
  id: 7,
  at: 1000,
  app: 'hello',
  method: 'POST',
  path: '/todos',
  status: 201,
  timings: { loadMs: 0, instantiateMs: 1, handleMs: 2, totalMs: 3 },
};

function answer(path: string, body: string, at: number, withRecord = false): Answer {
  return {
    request: { method: 'POST', path, headers: '', body },
    status: 201,
    statusText: 'Created',
    headers: [],
    body: { kind: 'text', text: '' },
    ms: 3,
    at,
    version: 1,
    edits: 0,
    resent: false,
    ...(withRecord ? { record } : {}),
  };
}

function line(requestId: number | undefined, at: number, app = 'hello'): LogRecord {
  return {
    id: at,
    at,
    level: 'info',
    source: 'stdout',
    app,
    message: `line ${at}`,
    ...(requestId ? { requestId } : {}),
  };
}

describe('exchangeFor', () => {
  it('finds the latest answer to the same request, and none for a request not sent', () => {
    const older = answer('/todos', 'a', 1);
    const newer = answer('todos', 'a', 2);
    const other = answer('/todos', 'b', 3);
    expect(
      exchangeFor({ method: 'POST', path: '/todos', headers: '', body: 'a' }, [older, newer, other]),
    ).toBe(newer);
    expect(
      exchangeFor({ method: 'GET', path: '/todos', headers: '', body: '' }, [older, newer]),
    ).toBeUndefined();
  });
});

describe('logsOf', () => {
  it("keeps the lines tagged with the request's id, from after it arrived, of its app", () => {
    const logs = [line(7, 900), line(7, 1001), line(8, 1002), line(undefined, 1003), line(7, 1004, 'other')];
    expect(logsOf(answer('/todos', 'a', 1, true), logs).map((l) => l.at)).toEqual([1001]);
  });

  it('has no lines before the record has come', () => {
    expect(logsOf(answer('/todos', 'a', 1), [line(7, 1001)])).toEqual([]);
  });
});
