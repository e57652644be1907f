import { describe, expect, it } from 'vitest';
import type { GuestPool } from '../guest-pool/guest-pool.ts';
import { poolAttach, type PoolControl } from '../guest-pool/messages.ts';
import { HOST_PROTOCOL_VERSION } from '../protocol/messages.ts';
import { attachPool } from './pool-attach.ts';

/** A pool that records what is attached to it, and detached. */
function recordingPool() {
  const seen = { attached: [] as number[], replaced: [] as number[], detached: 0 };
  const pool = {
    attach: (_owner: unknown, ports: unknown[]) => {
      seen.attached.push(ports.length);
      return { key: 'attached' };
    },
    replaced: (_pool: unknown, index: number) => seen.replaced.push(index),
    detach: () => seen.detached++,
  } as unknown as GuestPool;
  return { pool, seen };
}

const clients = { get: async () => ({}) } as unknown as Clients;

/** A page's attach of two workers of `build`, as the service worker's message event gives it. */
function attachEvent(data: (control: MessagePort, workers: MessagePort[]) => unknown) {
  const control = new MessageChannel();
  const workers = [new MessageChannel(), new MessageChannel()];
  const answers: PoolControl[] = [];
  control.port1.onmessage = (event: MessageEvent<PoolControl>) => answers.push(event.data);
  const event = {
    data: data(
      control.port2,
      workers.map((channel) => channel.port2),
    ),
    source: { id: 'page-1' },
  } as unknown as ExtendableMessageEvent;
  const close = () =>
    [control, ...workers].forEach((channel) => (channel.port1.close(), channel.port2.close()));
  return { event, answers, page: control.port1, close };
}

/** Lets the ports deliver what was posted. */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('attachPool', () => {
  it("attaches a pool of the service worker's own build", async () => {
    const { pool, seen } = recordingPool();
    const { event, answers, close } = attachEvent((control, workers) => poolAttach('b2', control, workers));
    expect(attachPool(pool, clients, event, 'b2')).toBe(true);
    await delivered();
    expect(seen.attached).toEqual([2]);
    expect(answers).toEqual([]);
    close();
  });

  it('refuses a pool of workers of another build, naming its own, and uses none of them', async () => {
    const { pool, seen } = recordingPool();
    const { event, answers, close } = attachEvent((control, workers) => poolAttach('b1', control, workers));
    expect(attachPool(pool, clients, event, 'b2')).toBe(true);
    await delivered();
    expect(seen.attached).toEqual([]);
    expect(answers).toEqual([expect.objectContaining({ kind: 'refused', build: 'b2' })]);
    expect((answers[0] as { reason: string }).reason).toContain('build b1');
    close();
  });

  it('refuses a pool of another protocol version (a page of an older deploy)', async () => {
    const { pool, seen } = recordingPool();
    const { event, answers, close } = attachEvent((control, workers) => ({
      swerve: HOST_PROTOCOL_VERSION - 1,
      kind: 'guest-pool',
      control,
      workers,
    }));
    expect(attachPool(pool, clients, event, 'b2')).toBe(true);
    await delivered();
    expect(seen.attached).toEqual([]);
    expect(answers).toEqual([expect.objectContaining({ kind: 'refused', build: 'b2' })]);
    close();
  });

  it('takes a replacement worker of its build, and drops the whole pool for one of another', async () => {
    const { pool, seen } = recordingPool();
    const { event, answers, page, close } = attachEvent((control, workers) =>
      poolAttach('b2', control, workers),
    );
    attachPool(pool, clients, event, 'b2');
    const same = new MessageChannel();
    page.postMessage({ kind: 'replaced', index: 1, port: same.port2, build: 'b2' } satisfies PoolControl, [
      same.port2,
    ]);
    await delivered();
    expect(seen.replaced).toEqual([1]);
    expect(seen.detached).toBe(0);
    const other = new MessageChannel();
    page.postMessage({ kind: 'replaced', index: 0, port: other.port2, build: 'b3' } satisfies PoolControl, [
      other.port2,
    ]);
    await delivered();
    await delivered();
    expect(seen.replaced).toEqual([1]);
    expect(seen.detached).toBe(1);
    expect(answers).toEqual([expect.objectContaining({ kind: 'refused', build: 'b2' })]);
    for (const channel of [same, other]) {
      channel.port1.close();
      channel.port2.close();
    }
    close();
  });

  it('leaves any other message to the protocol handlers', () => {
    const { pool } = recordingPool();
    const event = {
      data: { swerve: HOST_PROTOCOL_VERSION, kind: 'request' },
      source: null,
    } as unknown as ExtendableMessageEvent;
    expect(attachPool(pool, clients, event, 'b2')).toBe(false);
  });
});
