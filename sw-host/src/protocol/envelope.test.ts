import { describe, expect, it } from 'vitest';
import { SwerveError } from '../errors.ts';
import * as envelope from './envelope.ts';
import { HOST_PROTOCOL_VERSION } from './messages.ts';

describe('envelope', () => {
  it('builds every kind with the header of this protocol version', () => {
    expect(envelope.request('remove', { name: 'x' })).toEqual({
      swerve: HOST_PROTOCOL_VERSION,
      kind: 'request',
      type: 'remove',
      payload: { name: 'x' },
    });
    expect(envelope.ok<'remove'>({ removed: true })).toEqual({
      swerve: HOST_PROTOCOL_VERSION,
      kind: 'reply',
      ok: true,
      payload: { removed: true },
    });
    const log = {
      type: 'log',
      record: { id: 1, at: 0, level: 'info', source: 'host', message: 'hi' },
    } as const;
    expect(envelope.isEnvelope(envelope.event(log), 'event')).toBe(true);
    expect(envelope.ready('worker', 'b1', 'why')).toEqual({
      swerve: HOST_PROTOCOL_VERSION,
      kind: 'ready',
      mode: 'worker',
      build: 'b1',
      reason: 'why',
    });
  });

  it('sends a failure as its bare sentence and code, and reads it back as the same SwerveError', () => {
    const reply = envelope.fail(new SwerveError('kv-invalid', 'No such store.'));
    expect(reply).toMatchObject({ ok: false, error: 'No such store.', code: 'kv-invalid' });
    // What the other side receives: a structured clone, as postMessage makes.
    const read = (() => {
      try {
        envelope.payloadOf(structuredClone(reply), 'The host');
      } catch (error) {
        return error;
      }
    })();
    expect(read).toBeInstanceOf(SwerveError);
    expect(read).toMatchObject({
      code: 'kv-invalid',
      message: '[swerve] No such store.',
      detail: 'No such store.',
    });
  });

  it('gives an error without a code the fallback code, keeping its message', () => {
    const failure = envelope.failureOf(new TypeError('Failed to fetch'));
    expect(failure).toEqual({ message: 'Failed to fetch', code: undefined });
    expect(envelope.errorOf(failure, 'guest-failed')).toMatchObject({
      code: 'guest-failed',
      detail: 'Failed to fetch',
    });
  });

  it('reads a payload, and refuses a reply of another version as a mismatch', () => {
    expect(envelope.payloadOf<'remove'>(envelope.ok<'remove'>({ removed: false }), 'The host')).toEqual({
      removed: false,
    });
    expect(() => envelope.payloadOf({ swerve: 1, kind: 'reply', ok: true, payload: {} }, 'The host')).toThrow(
      expect.objectContaining({ code: 'protocol-mismatch' }),
    );
    expect(envelope.isOtherVersion({ swerve: 1, kind: 'request' })).toBe(true);
    expect(envelope.isOtherVersion(envelope.request('apps', {}))).toBe(false);
  });
});
