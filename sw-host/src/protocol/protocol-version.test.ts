import { describe, expect, expectTypeOf, it } from 'vitest';
import { HOST_PROTOCOL_VERSION, type HostEnvelope, type HostRequestType } from './messages.ts';

/**
 * The messages each protocol version has, by name. A page and a runtime of different builds
 * trust the version to tell them whether they understand each other, so a message added,
 * removed or renamed without raising it fails the type check here (`npm run typecheck`): raise
 * HOST_PROTOCOL_VERSION, say in its comment what changed, and add the new version's row.
 */
interface ProtocolMessages {
  4: {
    requests:
      | 'hello'
      | 'claim'
      | 'metrics'
      | 'logs'
      | 'deploy'
      | 'apps'
      | 'remove'
      | 'fetch'
      | 'subscribe'
      | 'kv-keys'
      | 'kv-get'
      | 'kv-set'
      | 'kv-delete'
      | 'kv-clear'
      | 'kv-export'
      | 'kv-import'
      | 'sqlite-execute'
      | 'sqlite-clear'
      | 'sqlite-image';
    envelopes: 'request' | 'reply' | 'event' | 'ready';
  };
}

describe('the host protocol version', () => {
  it('names the messages it has: a change to them raises it', () => {
    expectTypeOf<HostRequestType>().toEqualTypeOf<
      ProtocolMessages[typeof HOST_PROTOCOL_VERSION]['requests']
    >();
    expectTypeOf<HostEnvelope['kind']>().toEqualTypeOf<
      ProtocolMessages[typeof HOST_PROTOCOL_VERSION]['envelopes']
    >();
    expect(HOST_PROTOCOL_VERSION).toBe(4);
  });
});
