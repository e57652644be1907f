import { describe, expect, it } from 'vitest';
import { HOST_PROTOCOL_VERSION, type HostReplyEnvelope } from '../protocol/messages.ts';
import type { AppHost } from './app-host.ts';
import { handleHostMessage, type HostContext } from './protocol-handlers.ts';

/** Sends `data` to the handler and resolves with what it replied on the port. */
async function answer(context: HostContext, data: unknown): Promise<HostReplyEnvelope> {
  const channel = new MessageChannel();
  const replied = new Promise<HostReplyEnvelope>((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data as HostReplyEnvelope);
  });
  await handleHostMessage(context, data, [channel.port2]);
  const reply = await replied;
  channel.port1.close();
  return reply;
}

const host = {
  registry: { load: async () => undefined, list: () => [] },
} as unknown as AppHost;
const context: HostContext = { host, origin: 'http://a.swerve.localhost' };

describe('handleHostMessage', () => {
  it('answers a request of this protocol on its port', async () => {
    const reply = await answer(context, {
      swerve: HOST_PROTOCOL_VERSION,
      kind: 'request',
      type: 'apps',
      payload: {},
    });
    expect(reply).toEqual({ swerve: HOST_PROTOCOL_VERSION, kind: 'reply', ok: true, payload: { apps: [] } });
  });

  it('refuses a request of another protocol version, saying to reload', async () => {
    const reply = await answer(context, { swerve: 1, kind: 'request', type: 'apps', payload: {} });
    expect(reply).toMatchObject({ ok: false, code: 'protocol-mismatch' });
    expect(!reply.ok && reply.error).toContain('Reload the page');
  });

  it('refuses a request type it does not know, and claims only in a service worker', async () => {
    const unknown = await answer(context, {
      swerve: HOST_PROTOCOL_VERSION,
      kind: 'request',
      type: 'nope',
      payload: {},
    });
    expect(unknown).toMatchObject({ ok: false, code: 'protocol-mismatch' });
    const claim = await answer(context, {
      swerve: HOST_PROTOCOL_VERSION,
      kind: 'request',
      type: 'claim',
      payload: {},
    });
    expect(claim).toMatchObject({ ok: false, code: 'host-unavailable' });
  });

  it('refuses to fetch another origin through this host', async () => {
    const reply = await answer(context, {
      swerve: HOST_PROTOCOL_VERSION,
      kind: 'request',
      type: 'fetch',
      payload: { url: 'http://b.swerve.localhost/secret', method: 'GET', headers: [] },
    });
    expect(reply).toMatchObject({ ok: false, code: 'not-allowed' });
  });
});
