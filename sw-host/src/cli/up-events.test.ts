import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../protocol/host-events.ts';
import { parseEvents, terminalLine } from './up-events.ts';

const log = (record: Partial<Extract<HostEvent, { type: 'log' }>['record']>): HostEvent => ({
  type: 'log',
  record: { id: 1, at: 0, level: 'info', source: 'host', message: '', ...record },
});

describe('terminalLine', () => {
  it('prints guest output on the stream it was written to, prefixed by the component', () => {
    expect(terminalLine(log({ source: 'stdout', component: 'api', message: 'hello' }))).toEqual({
      stream: 'out',
      text: '[api] hello',
    });
    expect(terminalLine(log({ source: 'stderr', component: 'api', message: 'oops' }))).toEqual({
      stream: 'err',
      text: '[api] oops',
    });
  });

  it("prints the host's warnings and errors on standard error, without the [swerve] prefix", () => {
    expect(terminalLine(log({ level: 'error', message: '[swerve] GET /x answered 504: stopped' }))).toEqual({
      stream: 'err',
      text: 'Error: GET /x answered 504: stopped',
    });
    expect(terminalLine(log({ level: 'warn', message: 'No route matches /y.' })).text).toBe(
      'Warning: No route matches /y.',
    );
  });

  it('prints one line per request: method, path, status, component and time', () => {
    const request: HostEvent = {
      type: 'request',
      record: {
        id: 3,
        at: 0,
        app: 'shop',
        component: 'api',
        method: 'GET',
        path: '/cart?x=1',
        status: 200,
        timings: { loadMs: 0, instantiateMs: 1, handleMs: 2, totalMs: 3.14 },
      },
    };
    expect(terminalLine(request)).toEqual({ stream: 'out', text: 'GET /cart?x=1 → 200 (api) in 3.1 ms' });
  });
});

describe('parseEvents', () => {
  it('keeps only what has the shape of a host event', () => {
    const good = log({ message: 'Deployed at /.' });
    expect(parseEvents(JSON.stringify([good, { type: 'log' }, { type: 'other', record: {} }, 3]))).toEqual([
      good,
    ]);
    expect(parseEvents('not json')).toEqual([]);
    expect(parseEvents('{"type":"log"}')).toEqual([]);
  });
});
