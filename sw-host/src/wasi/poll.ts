/**
 * `wasi:io/poll`: preview2-shim's, except for how it yields. When some pollables are ready the
 * shim still lets one macrotask run first (so that a guest polling a ready timer in a loop does
 * not starve fetch and other events), but it does so with `setTimeout(0)`, which browsers clamp to
 * 4 ms once timers nest: a guest that polls once per chunk then reads a 64 MiB body at about
 * 1.6 MB/s. A message on a `MessageChannel` is a macrotask without the clamp.
 */
import { poll as shimPoll } from '@bytecodealliance/preview2-shim/io';
import type * as WasiIoPoll from '../capabilities/wit-types/http-wasi-p2/interfaces/wasi-io-poll.js';
import type { HostSide } from '../capabilities/host-side.ts';

/** What `poll` needs of a pollable. */
interface Pollable {
  ready(): boolean;
  block(): Promise<void> | void;
}

let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

/** Resolves in a task of its own, after whatever events are queued. */
function nextTask(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Under Node (unit tests) an open port would keep the process alive.
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  const done = new Promise<void>((resolve) => waiting.push(resolve));
  channel.port2.postMessage(null);
  return done;
}

function readyIndexes(list: readonly Pollable[]): Uint32Array {
  const ready: number[] = [];
  list.forEach((pollable, index) => {
    if (pollable.ready()) ready.push(index);
  });
  return new Uint32Array(ready);
}

/** `poll(in: list<borrow<pollable>>) -> list<u32>`, the indexes of those ready. */
async function pollList(list: Pollable[]): Promise<Uint32Array> {
  if (list.length === 0) throw new Error('poll list must not be empty');
  if (list.some((pollable) => pollable.ready())) {
    await nextTask();
    return readyIndexes(list);
  }
  await Promise.race(list.map((pollable) => pollable.block()));
  return readyIndexes(list);
}

export const poll = { ...shimPoll, poll: pollList } satisfies HostSide<typeof WasiIoPoll>;
