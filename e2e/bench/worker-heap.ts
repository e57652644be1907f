/**
 * Reads the service worker's JavaScript heap through the DevTools protocol: attaches to the
 * worker's target from a browser-level session, forces a garbage collection, then asks for the
 * heap usage.
 */
import type { Browser, CDPSession } from '@playwright/test';

/** A DevTools session to one target, spoken through the browser session's Target domain. */
class TargetSession {
  #nextId = 1;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  constructor(
    readonly browserSession: CDPSession,
    readonly sessionId: string,
  ) {
    browserSession.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      const waiter = message.id === undefined ? undefined : this.#pending.get(message.id);
      if (!waiter) return;
      this.#pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.#nextId++;
    const result = new Promise<T>((resolve, reject) =>
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject }),
    );
    void this.browserSession.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return result;
  }
}

export interface WorkerHeap {
  /** Heap bytes in use after a forced garbage collection. */
  usedBytes(): Promise<number>;
  /** Bytes of ArrayBuffer backing stores (Wasm memories included) now, without a collection. */
  backingBytes(): Promise<number>;
  detach(): Promise<void>;
}

export async function attachToServiceWorker(browser: Browser, scriptSuffix = '/sw.js'): Promise<WorkerHeap> {
  const browserSession = await browser.newBrowserCDPSession();
  const { targetInfos } = await browserSession.send('Target.getTargets');
  const worker = targetInfos.find(
    (target) => target.type === 'service_worker' && target.url.endsWith(scriptSuffix),
  );
  if (!worker) throw new Error(`No service worker ending in ${scriptSuffix} is running.`);
  const { sessionId } = await browserSession.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  const session = new TargetSession(browserSession, sessionId);
  return {
    async usedBytes() {
      await session.send('HeapProfiler.collectGarbage');
      const { usedSize } = await session.send<{ usedSize: number }>('Runtime.getHeapUsage');
      return usedSize;
    },
    async backingBytes() {
      const usage = await session.send<{ backingStorageSize?: number }>('Runtime.getHeapUsage');
      if (usage.backingStorageSize === undefined)
        throw new Error('This Chromium does not report backingStorageSize.');
      return usage.backingStorageSize;
    },
    async detach() {
      await browserSession.detach();
    },
  };
}
