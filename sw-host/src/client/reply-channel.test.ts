import { describe, expect, it, vi } from 'vitest';
import { HOST_PROTOCOL_VERSION, transferablesOf } from '../protocol/messages.ts';
import { sendRequest, type PostMessage } from './reply-channel.ts';

/** A host that answers each request on its port with `answer(envelope)`. */
function host(answer: (envelope: { type: string; payload: unknown }) => unknown): PostMessage {
  return (message, transfer) => {
    const port = transfer[0] as MessagePort;
    port.postMessage(answer(message as { type: string; payload: unknown }));
  };
}

describe('sendRequest', () => {
  it('resolves with the reply of its own channel', async () => {
    const post = host(({ payload }) => ({
      swerve: HOST_PROTOCOL_VERSION,
      kind: 'reply',
      ok: true,
      payload: { removed: (payload as { name: string }).name === 'x' },
    }));
    expect(await sendRequest(post, 'remove', { name: 'x' }, 'The host')).toEqual({ removed: true });
  });

  it("rejects with the host's SwerveError code and message", async () => {
    const post = host(() => ({
      swerve: HOST_PROTOCOL_VERSION,
      kind: 'reply',
      ok: false,
      error: '[swerve] No such store.',
      code: 'kv-invalid',
    }));
    await expect(sendRequest(post, 'kv-keys', { app: 'a', label: 'b' }, 'The host')).rejects.toMatchObject({
      code: 'kv-invalid',
      message: '[swerve] No such store.',
    });
  });

  it('rejects a reply of another protocol version as a mismatch', async () => {
    const post = host(() => ({ swerve: 1, ok: true, payload: {} }));
    await expect(sendRequest(post, 'apps', {}, 'The host')).rejects.toMatchObject({
      code: 'protocol-mismatch',
    });
  });

  it('gives up after its timeout and says what to do', async () => {
    vi.useFakeTimers();
    try {
      const silent: PostMessage = () => undefined;
      const reply = sendRequest(silent, 'apps', {}, 'The app host at http://a.swerve.localhost');
      const checked = expect(reply).rejects.toThrow(
        'The app host at http://a.swerve.localhost did not answer "apps" within 15 s. Reload the page',
      );
      await vi.advanceTimersByTimeAsync(15_000);
      await checked;
    } finally {
      vi.useRealTimers();
    }
  });

  it("transfers the payload's bytes instead of copying them", async () => {
    const files = { 'a.wasm': new Uint8Array([1, 2, 3]), 'b.txt': new Uint8Array([4]) };
    const transferred: Transferable[][] = [];
    const post: PostMessage = (message, transfer) => {
      transferred.push(transfer);
      (transfer[0] as MessagePort).postMessage({
        swerve: HOST_PROTOCOL_VERSION,
        kind: 'reply',
        ok: true,
        payload: {},
      });
    };
    await sendRequest(post, 'deploy', { manifest: '', files }, 'The host');
    expect(transferred[0]).toHaveLength(3);
    expect(transferred[0]).toEqual(expect.arrayContaining([files['a.wasm'].buffer, files['b.txt'].buffer]));
  });
});

describe('transferablesOf', () => {
  it('lists each buffer once, even when views share it', () => {
    const buffer = new ArrayBuffer(8);
    expect(
      transferablesOf({ a: new Uint8Array(buffer, 0, 4), b: [new Uint8Array(buffer, 4)], c: 'text' }),
    ).toEqual([buffer]);
  });
});
