/**
 * Parallel guests (docs/decisions/0019), measured both ways in one run: with the guest workers of
 * the host page that the site's page frames, and in the service worker's own thread, which is
 * where guests run when no page of ours drives the origin (its frame removed: the service worker
 * notices within a second and runs guests itself).
 */
import type { Page } from '@playwright/test';
import { hostHandle } from '../fixtures/app-hosts.ts';
import { HOST_PROTOCOL_VERSION } from 'swerve/protocol';
import type { RequestRecord } from 'swerve/protocol';

/** Frames app `key`'s host page from `sitePage` (its pool attaches), or removes that frame (its pool dies). */
export async function setGuestPool(sitePage: Page, key: string, pooled: boolean): Promise<void> {
  if (pooled) {
    await hostHandle(sitePage, key);
  } else {
    await sitePage.evaluate(async (key) => {
      const scope = globalThis as unknown as { testHosts?: Record<string, Promise<{ close(): void }>> };
      const host = await scope.testHosts?.[key];
      host?.close();
      delete scope.testHosts?.[key];
    }, key);
  }
  // Long enough for the service worker's check of pages (once a second), and for a new pool to attach.
  await sitePage.waitForTimeout(1500);
}

/** Where the last `count` requests of the tab's origin ran: guest workers by name, or `service worker`. */
export async function ranIn(tab: Page, count: number): Promise<string> {
  const records = await tab.evaluate(async (version) => {
    const channel = new MessageChannel();
    const reply = new Promise<{ payload: { records: RequestRecord[] } }>((resolve) => {
      channel.port1.onmessage = (event) => resolve(event.data);
    });
    navigator.serviceWorker.controller!.postMessage(
      { swerve: version, kind: 'request', type: 'metrics', payload: {} },
      [channel.port2],
    );
    return (await reply).payload.records;
  }, HOST_PROTOCOL_VERSION);
  const names = new Set(records.slice(-count).map((record) => record.ranIn ?? 'service worker'));
  return [...names].sort().join(', ');
}

export interface WhileLooping {
  /** `otherPath`'s latencies with nothing else running (ms). */
  normal: number[];
  /** Its latencies, one after another, while `loopPath`'s guest loops until its deadline (ms). */
  during: number[];
  /** What the looping request was answered (504 at its deadline). */
  loopStatus: number;
}

/** From a tab at the looping app's origin: other requests' latency while one guest loops. */
export function whileOneLoops(tab: Page, loopPath: string, otherPath: string, normalCount: number) {
  return tab.evaluate(
    async ({ loopPath, otherPath, normalCount }): Promise<WhileLooping> => {
      const time = async () => {
        const started = performance.now();
        const response = await fetch(otherPath);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${otherPath} answered ${response.status}`);
        return performance.now() - started;
      };
      const normal: number[] = [];
      for (let i = 0; i < normalCount; i++) normal.push(await time());
      let looping = true;
      const stuck = fetch(loopPath).then(async (response) => {
        await response.arrayBuffer();
        looping = false;
        return response.status;
      });
      // The loop is running by then.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const during: number[] = [];
      while (looping) during.push(await time());
      return { normal, during, loopStatus: await stuck };
    },
    { loopPath, otherPath, normalCount },
  );
}
