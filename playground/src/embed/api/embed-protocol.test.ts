import { describe, expect, it } from 'vitest';
import {
  checkEmbedRequest,
  eventEnvelope,
  failureEnvelope,
  isEnvelope,
  readyEnvelope,
  replyEnvelope,
  requestEnvelope,
  versionMismatch,
} from './embed-protocol.ts';

describe('the embed protocol', () => {
  it('wraps every message in an envelope that names the protocol and its version', () => {
    const request = requestEnvelope('send', { path: '/hello' });
    expect(request).toEqual({
      protocol: 'swerve-embed',
      version: 1,
      kind: 'request',
      type: 'send',
      payload: { path: '/hello' },
    });
    expect(isEnvelope(request, 'request')).toBe(true);
    expect(isEnvelope(readyEnvelope(), 'ready')).toBe(true);
    expect(isEnvelope(replyEnvelope<'setFile'>({ deployed: true }), 'reply')).toBe(true);
    expect(isEnvelope(failureEnvelope(new Error('no')), 'reply')).toBe(true);
    expect(failureEnvelope(new Error('no'))).toMatchObject({ ok: false, error: 'no' });
    expect(
      isEnvelope(
        eventEnvelope({ type: 'log', log: { source: 'stdout', level: 'info', message: 'hi' } }),
        'event',
      ),
    ).toBe(true);
  });

  it('takes no message of another kind, protocol or shape for an envelope', () => {
    expect(isEnvelope(readyEnvelope(), 'request')).toBe(false);
    // The host protocol's envelopes (sw-host) are not this protocol's.
    expect(isEnvelope({ swerve: 2, kind: 'ready' }, 'ready')).toBe(false);
    expect(isEnvelope({ ...requestEnvelope('send', { path: '/' }), type: 'deploy' }, 'request')).toBe(false);
    expect(isEnvelope({ ...requestEnvelope('send', { path: '/' }), payload: 'x' }, 'request')).toBe(false);
    expect(isEnvelope({ protocol: 'swerve-embed', version: 1, kind: 'reply', ok: false }, 'reply')).toBe(
      false,
    );
    expect(isEnvelope(null, 'ready')).toBe(false);
    expect(isEnvelope('ready', 'ready')).toBe(false);
  });

  it('tells a page whose module speaks another version to load the one from the embed’s site', () => {
    const newer = { ...readyEnvelope(), version: 2 };
    expect(isEnvelope(newer, 'ready')).toBe(false);
    expect(versionMismatch(newer)).toMatch(/version 2 of the embed protocol.*version 1/);
    expect(versionMismatch(readyEnvelope())).toBeUndefined();
    expect(versionMismatch({ swerve: 2 })).toBeUndefined();
  });

  it('checks a request before the embed acts on it, saying what is wrong', () => {
    expect(checkEmbedRequest({ path: '/a' })).toEqual({ method: 'GET', path: '/a', headers: {} });
    expect(checkEmbedRequest({ method: 'post', path: '/a', headers: { 'x-a': '1' }, body: 'b' })).toEqual({
      method: 'POST',
      path: '/a',
      headers: { 'x-a': '1' },
      body: 'b',
    });
    expect(() => checkEmbedRequest({})).toThrow(/with a path/);
    expect(() => checkEmbedRequest({ path: 'a' })).toThrow(/starts with "\/"/);
    expect(() => checkEmbedRequest({ path: '/', method: 'GET /x' })).toThrow(/HTTP method/);
    expect(() => checkEmbedRequest({ path: '/', headers: { a: 1 } })).toThrow(/name: text/);
    expect(() => checkEmbedRequest({ path: '/', body: new Uint8Array() })).toThrow(/body as text/);
  });
});
